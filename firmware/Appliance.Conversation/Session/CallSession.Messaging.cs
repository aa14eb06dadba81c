using Appliance.Configuration.Model;
using Appliance.Conversation.Providers.Email;
using Appliance.Conversation.Providers.Tools;
using Microsoft.Extensions.Logging;

namespace Appliance.Conversation.Session;

/// <summary>What the message tools (take_message, send_email) do on this call.</summary>
public sealed partial class CallSession
{
    /// <summary>
    /// take_message writes the record's message and e-mails it to the agent's notification addresses
    /// when an smtp connection exists; send_email only ever writes to those addresses, so a caller
    /// cannot talk the agent into mailing anyone else.
    /// </summary>
    private sealed class SessionMessaging(CallSession session, SmtpMailer? mailer) : ICallMessaging
    {
        public async Task<ToolOutcome> TakeMessageAsync(string? callerName, string callbackNumber, string message, CancellationToken cancellationToken)
        {
            session._log.Update(r => r.Message = new CallMessage { Name = callerName, Number = callbackNumber, Text = message });
            session._log.Event("message_taken", callbackNumber);
            var agent = session._runtime.Agent;
            if (mailer is null || agent.NotificationEmails.Count == 0)
            {
                return new ToolOutcome(true, "message recorded");
            }
            var body = $"Caller: {callerName ?? "(no name given)"}\nCall back: {callbackNumber}\nCalled: {session._line.CalledNumber}\n"
                + $"Agent: {agent.DisplayName ?? agent.Name}\nCall: {session._line.CallId}\n\n{message}\n";
            var sent = await SendAsync(agent.NotificationEmails, $"Message from {callerName ?? callbackNumber}", body, cancellationToken).ConfigureAwait(false);
            return new ToolOutcome(true, sent is null ? "message recorded and e-mailed" : "message recorded; the e-mail could not be sent");
        }

        public async Task<ToolOutcome> SendEmailAsync(string? to, string subject, string body, CancellationToken cancellationToken)
        {
            var allowed = session._runtime.Agent.NotificationEmails;
            if (mailer is null)
            {
                return ToolOutcome.Rejected("no e-mail server is configured for this agent");
            }
            if (allowed.Count == 0)
            {
                return ToolOutcome.Rejected("this agent has no notification e-mail addresses");
            }
            List<string> recipients = to is null ? allowed : [.. allowed.FindAll(a => string.Equals(a, to, StringComparison.OrdinalIgnoreCase))];
            if (recipients.Count == 0)
            {
                return ToolOutcome.Rejected("to must be one of the notification addresses of this agent");
            }
            var failure = await SendAsync(recipients, subject, body, cancellationToken).ConfigureAwait(false);
            return failure is null ? new ToolOutcome(true, "e-mail sent") : ToolOutcome.Rejected("the e-mail could not be sent: " + failure);
        }

        /// <summary>Sends, records the outcome; null when sent, else why not.</summary>
        private async Task<string?> SendAsync(List<string> to, string subject, string body, CancellationToken cancellationToken)
        {
            try
            {
                await mailer!.SendAsync(to, subject, body, cancellationToken).ConfigureAwait(false);
                session._log.Event("email_sent", $"{string.Join(", ", to)}: {subject}");
                return null;
            }
            catch (Exception e) when (e is TimeoutException or IOException or FormatException)
            {
                session._logger.LogWarning("Call {CallId}: e-mail through {Host} failed: {Error}", session._line.CallId, mailer!.Server.Host, e.Message);
                session._log.Event("email_failed", e.GetType().Name);
                return e is TimeoutException ? "timed out" : "server error";
            }
        }
    }
}
