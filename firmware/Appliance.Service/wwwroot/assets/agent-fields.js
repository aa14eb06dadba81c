// Every field of the canonical agent (docs/configuration.md), grouped the way a call uses them. Enum
// options come from the box (/web/api/allowed-values, the model's AllowedValues.cs); ranges are the
// validator's (AgentValidator.cs). Nested fields are edited as JSON.
import { loadAllowedValues, selectField } from './allowed-values.js';

const n = (name, label, min, max, step = 'any') => ({ name, label: `${label} (${min} to ${max})`, type: 'number', min, max, step });
const t = (name, label, type = 'text') => ({ name, label, type });
const b = (name, label) => ({ name, label, type: 'bool' });

/** The field groups, with the select options the box allows. */
export async function loadAgentGroups() {
  const allowed = await loadAllowedValues();
  const s = (name, label, nullable = false) => selectField(allowed, 'agent', name, label, nullable);
  return [
    { legend: 'Identity and voice', fields: [
      t('name', 'Name (unique; lowercase letters, numbers, hyphens)'), t('display_name', 'Display name'), t('description', 'Description'),
      s('agent_type', 'Kind'),
      s('status', 'Status'),
      t('voice_id', 'Voice'), t('voice_model', 'Voice model'), t('voice_language', 'Voice language'),
      s('tts_model', 'Text-to-speech', true),
      s('stt_model', 'Speech-to-text'), s('stt_mode', 'Speech-to-text mode'),
      s('audio_format', 'Audio format'),
      n('audio_speed', 'Speaking speed', 0.5, 2), t('boosted_keywords', 'Boosted keywords (comma separated)', 'list'),
      { ...t('pronunciations', 'Pronunciations', 'json'), help: '[{"word": "Nguyen", "phonemes": "ŋwiən"}]' },
      t('default_language', 'Language (ISO 639-1)'), t('additional_languages', 'Other languages (comma separated)', 'list'),
      s('multilingual_mode', 'Switching language'), t('locale', 'Locale (e.g. en-US)'),
      t('timezone', 'Time zone (IANA, e.g. Europe/Berlin)'),
    ] },
    { legend: 'Conversation and prompts', fields: [
      t('welcome_message', 'Welcome message', 'textarea'), b('generate_welcome_message', 'Let the model write the welcome'),
      t('system_prompt', 'System prompt', 'textarea'),
      { ...t('template_variables', 'Template variables', 'json'), help: '{"business_name": {"default_value": "Luigi\'s"}}: use as {{business_name}}' },
      { ...t('tasks', 'Tasks', 'json'), help: '[{"name": "...", "description": "..."}]' },
      t('summary_context', 'Call summary instructions', 'textarea'),
      s('model_tier', 'Model tier'), t('llm_model', 'Model (overrides the tier)'),
      n('llm_temperature', 'Temperature', 0, 2), n('llm_max_tokens', 'Max tokens', 1, 32000, 1),
      t('knowledge_base_urls', 'Knowledge base URLs (comma separated)', 'list'), t('google_place_id', 'Google place id'),
    ] },
    { legend: 'Listening, end of turn and interruptions', fields: [
      n('interruption_sensitivity', 'Interruption sensitivity', 0, 1), b('enable_backchannel', 'Backchannel ("mm-hm")'),
      n('min_endpointing_delay', 'Min end-of-turn delay, s', 0, 10), n('max_endpointing_delay', 'Max end-of-turn delay, s', 0, 30),
      n('vad_min_silence_duration', 'Min silence for end of speech, s', 0.05, 5),
      s('endpointing_sensitivity', 'End-of-turn sensitivity'),
      b('push_to_talk', 'Push to talk'), s('ivr_navigation_mode', 'IVR navigation'),
      s('denoising_mode', 'Noise removal'),
      b('echo_detection', 'Echo detection'),
      s('background_noise', 'Background ambience', true),
      n('background_noise_level', 'Ambience level', 0, 0.25), b('thinking_sounds_enabled', 'Thinking sounds'),
      s('thinking_clip_id', 'Thinking sound'), n('thinking_volume', 'Thinking volume', 0, 1),
    ] },
    { legend: 'Silence and hang-up', fields: [
      n('no_input_poke_sec', 'Prompt after silence, s', 1, 3600, 1), t('no_input_poke_text', 'Silence prompt'),
      b('generate_no_input_poke_text', 'Let the model word the prompt'),
      n('no_input_end_conversation_sec', 'Hang up after silence, s', 1, 3600, 1),
      b('voicemail_detection', 'Detect voicemail'), t('voicemail_message', 'Voicemail message', 'textarea'),
    ] },
    { legend: 'Tools and transfer', fields: [
      { ...t('tools', 'Tools (comma separated)', 'list'), help: `${allowed.agent.tools.join(', ')}, or a custom tool name` },
      t('transfer_number', 'Transfer number (E.164, sip: URI or extension)'), t('transfer_rules', 'Transfer rules', 'textarea'),
      b('sip_transfer_enabled', 'Transfer with SIP REFER'), b('warm_transfer_enabled', 'Warm transfer'),
      t('warm_transfer_rules', 'Warm transfer rules', 'textarea'), t('hold_music_url', 'Hold music URL'), b('pass_caller_id', 'Pass caller ID on transfer'),
      b('email_enabled', 'E-mail'), t('email_instructions', 'E-mail instructions', 'textarea'),
      t('notification_emails', 'Notify by e-mail (comma separated)', 'list'), t('email_server_id', 'E-mail server (smtp connection id)'),
      b('enable_messaging', 'Messaging'),
    ] },
    { legend: 'Webhooks and MCP', fields: [
      s('voice_mode', 'Who answers'), t('webhook_url', 'Webhook URL'), t('webhook_secret', 'Webhook secret', 'secret'),
      { ...t('extensions', 'Webhooks and MCP servers', 'json'), help: '{"webhooks": [...], "mcp_servers": [...]}: header values are secrets, kept when not retyped' },
      { ...t('configuration_endpoint', 'Per-call configuration endpoint', 'json'), help: '{"url": "https://...", "headers": {}, "timeout_ms": 3000}' },
    ] },
    { legend: 'Recording, numbers and privacy', fields: [
      b('recording_enabled', 'Record calls'),
      n('inbound_rollout', 'Share of calls this agent answers', 0, 1),
      t('inbound_rollout_forward_phone_number', 'Forward the other calls to'),
    ] },
    { legend: 'Advanced', fields: [
      t('provider', 'Provider'),
      { ...t('integrations', 'Integrations', 'json'), help: '{"name": {...}}' },
    ] },
  ];
}
