#!/usr/bin/env bash
# SIP load run (not part of the test suite): sipp's uac_pcap caller (INVITE, ~8 s of PCMA speech
# from sipp's bundled g711a.pcap, BYE) against the service binary on 127.0.0.1 at increasing call
# rates. The box answers with its embedded default agent (no cloud needed). For each rate it prints
# calls/s achieved, the most concurrent calls held, failed calls, and the box's CPU (% of one core,
# from /proc/PID/stat) and peak RSS (from /proc/PID/status).
#
#   tools/sip-load.sh [binary] ["rates"] [calls-per-rate]
#   tools/sip-load.sh firmware/Appliance.Service/bin/Release/net10.0/linux-x64/native/appliance "1 2 5 10" 40
set -euo pipefail
BIN=${1:-firmware/Appliance.Service/bin/Release/net10.0/appliance}
RATES=${2:-"1 2 5"}
CALLS=${3:-20}
BIN=$(realpath "$BIN")
WORK=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
SIP_PORT=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ln -s /usr/share/sip-tester "$WORK/pcap"

"$BIN" --urls http://127.0.0.1:0 --data "$WORK/data" --sip-port "$SIP_PORT" >"$WORK/service.log" 2>&1 &
PID=$!
for _ in $(seq 1 300); do
  grep -q "SIP listening" "$WORK/service.log" && break
  sleep 0.2
done
grep -q "SIP listening" "$WORK/service.log" || { echo "the service did not start:"; cat "$WORK/service.log"; exit 1; }

TICKS=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$PID/status"; }

printf '%-6s %-10s %-10s %-8s %-8s %-10s %-10s\n' rate done/s max-held ok failed cpu-%core peak-RSS-MB
for rate in $RATES; do
  rm -f "$WORK"/*_.csv
  peak=$(rss_kb)
  before=$(cpu_ticks)
  start=$(date +%s.%N)
  ( cd "$WORK" && sipp -sn uac_pcap "127.0.0.1:$SIP_PORT" -r "$rate" -m "$CALLS" -l $((rate * 20 + 10)) \
      -i 127.0.0.1 -mi 127.0.0.1 -nostdin -trace_stat -fd 1 -timeout 300s >/dev/null 2>&1 ) &
  SIPP=$!
  while kill -0 "$SIPP" 2>/dev/null; do
    now=$(rss_kb); [ "$now" -gt "$peak" ] && peak=$now
    sleep 0.5
  done
  wait "$SIPP" || true
  elapsed=$(echo "$(date +%s.%N) - $start" | bc -l)
  used=$(( $(cpu_ticks) - before ))
  stats=$(ls "$WORK"/*_.csv | head -1)
  # sipp's statistics file: ';'-separated, one row a second; the last row has the cumulative counts.
  read -r ok failed held < <(awk -F';' 'NR==1 {for (i=1;i<=NF;i++) col[$i]=i; next}
      {cur=$col["CurrentCall"]; if (cur>max) max=cur; ok=$col["SuccessfulCall(C)"]; bad=$col["FailedCall(C)"]}
      END {print ok+0, bad+0, max+0}' "$stats")
  printf '%-6s %-10.2f %-10s %-8s %-8s %-10.1f %-10.1f\n' "$rate" "$(echo "$ok / $elapsed" | bc -l)" "$held" "$ok" "$failed" \
    "$(echo "100 * $used / $TICKS / $elapsed" | bc -l)" "$(echo "$peak / 1024" | bc -l)"
done
