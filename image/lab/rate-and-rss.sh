#!/usr/bin/env bash
# Measures our daemon and Debian's keepalived side by side, one at a time, never both at once:
#
#  1. Advert rate: one router namespace on a bridge, 100 VRRPv3/IPv4 instances (VRIDs 1..100,
#     priority 200, advert_int 0.01, one VIP 10.77.N.1/16 each, eth0, multicast), no peer. After it
#     is MASTER everywhere (RATE_SETTLE s), the frames the router sends are counted for RATE_SECONDS
#     at the bridge side of its veth (rx_packets of rNp in the switch namespace); the configured rate
#     is 100 x 100/s = 10,000/s. An nftables counter on the bridge counts IP protocol 112 only, as a
#     check (rx_packets also holds GARPs and IPv6 noise). CPU time of the daemon's processes over the
#     same window is reported as % of one core.
#  2. RSS: the same kind of config with 3 instances at advert_int 1. VmRSS 5 s after start, then
#     RELOADS SIGHUPs alternating two files (they differ in one instance's priority; the file is
#     copied over the config path before each SIGHUP), RELOAD_GAP_APPLIANCE / RELOAD_GAP_KEEPALIVED
#     seconds apart, and VmRSS 5 s after the last one. keepalived runs a parent and a VRRP child:
#     the child's RSS is the comparable figure, parent+child is reported too.
#
# Namespaces carry a random tag; everything started here is stopped by PID and every namespace
# deleted on exit (trap). Traffic stays inside those namespaces.
#
# Usage (root): image/lab/rate-and-rss.sh
#   env: APPLIANCE (default artifacts/publish/linux-x64/appliance), KEEPALIVED (/usr/sbin/keepalived),
#        RATE_SECONDS (60), RATE_SETTLE (3), RELOADS (1000), IDLE_WAIT (5),
#        RELOAD_GAP_APPLIANCE (0.025), RELOAD_GAP_KEEPALIVED (0.05), ONLY (appliance|keepalived)
set -euo pipefail
cd "$(dirname "$0")/../.."

APPLIANCE=${APPLIANCE:-$PWD/artifacts/publish/linux-x64/appliance}
KEEPALIVED=${KEEPALIVED:-/usr/sbin/keepalived}
RATE_SECONDS=${RATE_SECONDS:-60}
RATE_SETTLE=${RATE_SETTLE:-3}
RELOADS=${RELOADS:-1000}
IDLE_WAIT=${IDLE_WAIT:-5}
RELOAD_GAP_APPLIANCE=${RELOAD_GAP_APPLIANCE:-0.025}
RELOAD_GAP_KEEPALIVED=${RELOAD_GAP_KEEPALIVED:-0.05}
ONLY=${ONLY:-}
INSTANCES=100

[ "$(id -u)" = 0 ] || { echo "rate-and-rss.sh: needs root (network namespaces)" >&2; exit 1; }
for tool in ip nft awk; do
  command -v "$tool" >/dev/null || { echo "rate-and-rss.sh: '$tool' is missing" >&2; exit 1; }
done
AP_VERSION="not run"; KA_VERSION="not run"
if [ "$ONLY" != keepalived ]; then
  [ -x "$APPLIANCE" ] || { echo "rate-and-rss.sh: no appliance binary at $APPLIANCE (publish it, or set APPLIANCE)" >&2; exit 1; }
  AP_VERSION=$("$APPLIANCE" --version 2>&1 | head -1)
fi
if [ "$ONLY" != appliance ]; then
  [ -x "$KEEPALIVED" ] || { echo "rate-and-rss.sh: no keepalived at $KEEPALIVED" >&2; exit 1; }
  KA_VERSION=$("$KEEPALIVED" --version 2>&1 | awk 'NR==1{print $2}')
fi

TAG=rr$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
SW=$TAG-sw
R1=$TAG-r1
WORK=$(mktemp -d "/tmp/$TAG.XXXXXX")
PIDS=()        # every daemon process this script started (and keepalived's VRRP child)
NAMESPACES=()  # every namespace this script created

cleanup() {
  local p
  for p in "${PIDS[@]}"; do
    kill -TERM "$p" 2>/dev/null || true
  done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  for p in "${NAMESPACES[@]}"; do ip netns del "$p" 2>/dev/null || true; done
  if [ -n "${KEEP_WORK:-}" ]; then echo "work directory kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A sleep that a signal interrupts at once (bash runs traps only between foreground commands).
nap() { sleep "$1" & wait $!; }

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

# --- topology ------------------------------------------------------------------------------------

# A switch namespace with br0 (snooping off) and one router namespace with eth0 = 10.200.0.11/24.
lab_up() {
  ip netns add "$SW"; NAMESPACES+=("$SW")
  ip netns add "$R1"; NAMESPACES+=("$R1")
  ip -n "$SW" link add br0 type bridge mcast_snooping 0
  ip -n "$SW" link set br0 up
  ip -n "$SW" link set lo up
  ip netns exec "$R1" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
  ip link add "${TAG}r1" netns "$R1" type veth peer name r1p netns "$SW"
  ip -n "$SW" link set r1p master br0 up
  ip -n "$R1" link set "${TAG}r1" name eth0
  ip -n "$R1" link set lo up
  ip -n "$R1" addr add 10.200.0.11/24 dev eth0
  ip -n "$R1" link set eth0 up
  # VRRP-only counter on what enters the bridge from the router's port.
  NFT_OK=1
  ip netns exec "$SW" nft -f - <<'EOF' 2>"$WORK/nft.err" || NFT_OK=0
table bridge lab {
  chain pre {
    type filter hook prerouting priority 0; policy accept;
    iifname "r1p" ip protocol 112 counter
  }
}
EOF
}

lab_down() {
  local ns rest=()
  ip netns del "$R1" 2>/dev/null || true
  ip netns del "$SW" 2>/dev/null || true
  for ns in "${NAMESPACES[@]}"; do [ "$ns" = "$R1" ] || [ "$ns" = "$SW" ] || rest+=("$ns"); done
  NAMESPACES=("${rest[@]}")
}

rx_packets() { ip netns exec "$SW" cat /sys/class/net/r1p/statistics/rx_packets; }

nft_vrrp_packets() {
  if [ "$NFT_OK" = 1 ]; then
    ip netns exec "$SW" nft list chain bridge lab pre | awk '/counter/{for(i=1;i<=NF;i++) if($i=="packets") print $(i+1)}'
  else
    echo ""
  fi
}

vips_held() { ip -n "$R1" -o -4 addr show dev eth0 | grep -c ' 10\.77\.' || true; }

# --- configs -------------------------------------------------------------------------------------

# write_config FILE COUNT ADVERT_INT [VRID_WITH_OTHER_PRIORITY]
write_config() {
  local file=$1 count=$2 adv=$3 other=${4:-0} n prio
  {
    echo "global_defs {"
    echo "    vrrp_version 3"
    echo "}"
    for n in $(seq 1 "$count"); do
      prio=200
      [ "$n" = "$other" ] && prio=150
      cat <<EOF
vrrp_instance VI_$n {
    state BACKUP
    interface eth0
    virtual_router_id $n
    priority $prio
    advert_int $adv
    virtual_ipaddress {
        10.77.$n.1/16
    }
}
EOF
    done
  } >"$file"
}

# --- daemons -------------------------------------------------------------------------------------

DPID=""    # the process SIGHUP/SIGTERM go to (appliance, or keepalived's parent)
CPID=""    # keepalived's VRRP child (empty for the appliance)

# start_daemon KIND NAME CONF
start_daemon() {
  local kind=$1 name=$2 conf=$3
  DPID=""; CPID=""
  rm -f "$WORK/$name".{pid,vrrp.pid,status,log}
  if [ "$kind" = appliance ]; then
    ip netns exec "$R1" "$APPLIANCE" run -f "$conf" -p "$WORK/$name.pid" --status-file "$WORK/$name.status" \
      >"$WORK/$name.log" 2>&1 &
    DPID=$!; PIDS+=("$DPID")
    for _ in $(seq 100); do [ -s "$WORK/$name.status" ] && break; kill -0 "$DPID" 2>/dev/null || break; sleep 0.1; done
  else
    ip netns exec "$R1" "$KEEPALIVED" -n -l -P -f "$conf" -p "$WORK/$name.pid" -r "$WORK/$name.vrrp.pid" \
      >"$WORK/$name.log" 2>&1 &
    DPID=$!; PIDS+=("$DPID")
    for _ in $(seq 100); do [ -s "$WORK/$name.vrrp.pid" ] && break; kill -0 "$DPID" 2>/dev/null || break; sleep 0.1; done
    CPID=$(cat "$WORK/$name.vrrp.pid" 2>/dev/null || true)
    [ -n "$CPID" ] && PIDS+=("$CPID")
  fi
  if ! kill -0 "$DPID" 2>/dev/null; then
    log "$kind did not start; its output:"; cat "$WORK/$name.log" >&2; return 1
  fi
}

stop_daemon() {
  local p
  for p in $DPID $CPID; do kill -TERM "$p" 2>/dev/null || true; done
  for p in $DPID $CPID; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  wait "$DPID" 2>/dev/null || true
  PIDS=()   # one daemon at a time: nothing of ours is left running
}

rss_kb() { awk '/^VmRSS:/{print $2}' "/proc/$1/status" 2>/dev/null || echo ""; }

# CPU ticks (utime+stime) of the given PIDs, summed.
cpu_ticks() {
  local p t=0 v
  for p in "$@"; do
    v=$(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0)
    t=$((t + v))
  done
  echo "$t"
}

now() { date +%s.%N; }

# --- measurement 1: rate -------------------------------------------------------------------------

# Sets R_RATE, R_PCT, R_VRRP_RATE, R_CPU, R_VIPS for KIND.
measure_rate() {
  local kind=$1 conf=$WORK/rate.conf t0 t1 rx0 rx1 nf0 nf1 c0 c1 el hz
  lab_up
  write_config "$conf" "$INSTANCES" 0.01
  log "$kind: rate, $INSTANCES instances at 10 ms"
  start_daemon "$kind" "rate-$kind" "$conf"
  nap "$RATE_SETTLE"
  R_VIPS=$(vips_held)
  hz=$(getconf CLK_TCK)
  rx0=$(rx_packets); nf0=$(nft_vrrp_packets); c0=$(cpu_ticks $DPID $CPID); t0=$(now)
  nap "$RATE_SECONDS"
  rx1=$(rx_packets); nf1=$(nft_vrrp_packets); c1=$(cpu_ticks $DPID $CPID); t1=$(now)
  R_VIPS_END=$(vips_held)
  el=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')
  R_RATE=$(awk -v d=$((rx1 - rx0)) -v e="$el" 'BEGIN{printf "%.0f", d/e}')
  R_PCT=$(awk -v r="$R_RATE" -v n="$INSTANCES" 'BEGIN{printf "%.1f", 100*r/(n*100)}')
  if [ -n "$nf0" ] && [ -n "$nf1" ]; then
    R_VRRP_RATE=$(awk -v d=$((nf1 - nf0)) -v e="$el" 'BEGIN{printf "%.0f", d/e}')
  else
    R_VRRP_RATE="n/a"
  fi
  R_CPU=$(awk -v d=$((c1 - c0)) -v hz="$hz" -v e="$el" 'BEGIN{printf "%.0f", 100*d/hz/e}')
  if ! kill -0 "$DPID" 2>/dev/null; then R_RATE="died"; R_PCT="-"; fi
  log "$kind: $((rx1 - rx0)) frames in $el s (vrrp-only ${nf0:-?}->${nf1:-?}), VIPs $R_VIPS -> $R_VIPS_END of $INSTANCES, cpu $R_CPU%"
  cp "$WORK/rate-$kind.log" "$WORK/keep-rate-$kind.log" 2>/dev/null || true
  stop_daemon
  lab_down
}

# --- measurement 2: RSS over reloads -------------------------------------------------------------

# Sets M_IDLE, M_AFTER (appliance / keepalived child), M_IDLE_P, M_AFTER_P (keepalived parent),
# M_APPLIED (reloads seen applied), M_NOTE.
measure_rss() {
  local kind=$1 name=rss-$kind conf=$WORK/rss.conf a=$WORK/rss-a.conf b=$WORK/rss-b.conf gap k cpid_end t0 t1
  lab_up
  write_config "$a" 3 1
  write_config "$b" 3 1 3
  cp "$a" "$conf"
  log "$kind: RSS, 3 instances at 1 s, $RELOADS reloads"
  start_daemon "$kind" "$name" "$conf"
  nap "$IDLE_WAIT"
  M_NOTE=""
  if [ "$kind" = appliance ]; then
    gap=$RELOAD_GAP_APPLIANCE
    M_IDLE=$(rss_kb "$DPID"); M_IDLE_P=""
  else
    gap=$RELOAD_GAP_KEEPALIVED
    M_IDLE=$(rss_kb "$CPID"); M_IDLE_P=$(rss_kb "$DPID")
  fi
  t0=$(now)
  for k in $(seq 1 "$RELOADS"); do
    if [ $((k % 2)) = 1 ]; then cp -f "$b" "$conf"; else cp -f "$a" "$conf"; fi
    kill -HUP "$DPID"
    nap "$gap"
  done
  t1=$(now)
  nap "$IDLE_WAIT"
  M_SECONDS=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')
  if ! kill -0 "$DPID" 2>/dev/null; then
    M_AFTER="died"; M_AFTER_P=""; M_APPLIED="?"
  elif [ "$kind" = appliance ]; then
    M_AFTER=$(rss_kb "$DPID"); M_AFTER_P=""
    M_APPLIED=$(awk '$1=="reloads_applied"{print $2}' "$WORK/$name.status")
    M_NOTE="gc_gen0 $(awk '$1=="gc_gen0"{print $2}' "$WORK/$name.status")"
  else
    cpid_end=$(cat "$WORK/$name.vrrp.pid" 2>/dev/null || true)
    if [ "$cpid_end" != "$CPID" ]; then
      M_NOTE="VRRP child changed $CPID -> $cpid_end"
      [ -n "$cpid_end" ] && PIDS+=("$cpid_end")
      CPID=$cpid_end
    else
      M_NOTE="VRRP child pid $CPID kept (reloads in place)"
    fi
    M_AFTER=$(rss_kb "$CPID"); M_AFTER_P=$(rss_kb "$DPID")
    # The VRRP child logs "Reload complete" once per reload it carried out (SIGHUPs that arrive
    # during a reload may be merged); the parent logs "Reloading ..." as it passes each one on.
    M_APPLIED=$(grep -c 'Reload complete' "$WORK/$name.log" || true)
    M_NOTE="$M_NOTE, its parent is $(awk '{print $4}' "/proc/$CPID/stat" 2>/dev/null) (keepalived parent $DPID)"
  fi
  log "$kind: RSS idle $M_IDLE${M_IDLE_P:+ (parent $M_IDLE_P)}, after $M_AFTER${M_AFTER_P:+ (parent $M_AFTER_P)} kB; reloads seen applied: $M_APPLIED in ${M_SECONDS}s; $M_NOTE"
  cp "$WORK/$name.log" "$WORK/keep-$name.log" 2>/dev/null || true
  stop_daemon
  lab_down
}

# --- run -----------------------------------------------------------------------------------------

declare -A RATE PCT VRATE CPU VIPS IDLE AFTER IDLEP AFTERP APPLIED NOTE SECS
KINDS=(appliance keepalived)
[ -n "$ONLY" ] && KINDS=("$ONLY")
for kind in "${KINDS[@]}"; do
  measure_rate "$kind"
  RATE[$kind]=$R_RATE; PCT[$kind]=$R_PCT; VRATE[$kind]=$R_VRRP_RATE; CPU[$kind]=$R_CPU; VIPS[$kind]="$R_VIPS/$R_VIPS_END"
  measure_rss "$kind"
  IDLE[$kind]=$M_IDLE; AFTER[$kind]=$M_AFTER; IDLEP[$kind]=$M_IDLE_P; AFTERP[$kind]=$M_AFTER_P
  APPLIED[$kind]=$M_APPLIED; NOTE[$kind]=$M_NOTE; SECS[$kind]=$M_SECONDS
done

sum() { if [ -n "$1" ] && [ -n "$2" ] && [[ "$1$2" =~ ^[0-9]+$ ]]; then echo $(($1 + $2)); else echo "-"; fi; }
v() { local x=${1:-}; echo "${x:--}"; }

echo "# rate-and-rss.sh $(date -u '+%Y-%m-%d %H:%M:%S UTC') kernel $(uname -r) on $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $AP_VERSION, keepalived $KA_VERSION"
echo "# rate: $INSTANCES VRRPv3 instances x advert_int 0.01 = 10000/s configured, counted ${RATE_SECONDS}s after ${RATE_SETTLE}s settle; RSS: 3 instances x 1 s, ${RELOADS} SIGHUPs (gap appliance ${RELOAD_GAP_APPLIANCE}s, keepalived ${RELOAD_GAP_KEEPALIVED}s), RSS ${IDLE_WAIT}s after start / after last reload"
KA="keepalived $KA_VERSION"
printf '%-36s %-22s %-22s\n' "" "appliance" "$KA"
row() { printf '%-36s %-22s %-22s\n' "$1" "$2" "$3"; }
a=appliance; k=keepalived
cell_rate() { [ -n "${RATE[$1]:-}" ] && echo "${RATE[$1]} (${PCT[$1]}%)" || echo "-"; }
row "adverts/s (100 x 10ms), rx_packets" "$(cell_rate $a)" "$(cell_rate $k)"
row "  VRRP-only (nft counter)/s" "$(v "${VRATE[$a]:-}")" "$(v "${VRATE[$k]:-}")"
row "  VIPs held at start/end (of 100)" "$(v "${VIPS[$a]:-}")" "$(v "${VIPS[$k]:-}")"
row "  CPU during count (% of 1 core)" "$(v "${CPU[$a]:-}")" "$(v "${CPU[$k]:-}")"
row "RSS idle (kB)" "$(v "${IDLE[$a]:-}")" "$(v "${IDLE[$k]:-}") (child)"
row "  keepalived parent / parent+child" "" "$(v "${IDLEP[$k]:-}") / $(sum "${IDLE[$k]:-}" "${IDLEP[$k]:-}")"
row "RSS after ${RELOADS} reloads (kB)" "$(v "${AFTER[$a]:-}")" "$(v "${AFTER[$k]:-}") (child)"
row "  keepalived parent / parent+child" "" "$(v "${AFTERP[$k]:-}") / $(sum "${AFTER[$k]:-}" "${AFTERP[$k]:-}")"
row "reloads seen applied" "$(v "${APPLIED[$a]:-}") (status)" "$(v "${APPLIED[$k]:-}") (log)"
row "reload loop wall time (s)" "$(v "${SECS[$a]:-}")" "$(v "${SECS[$k]:-}")"
echo "# notes: appliance: ${NOTE[$a]:-}; keepalived: ${NOTE[$k]:-}"
[ "${NFT_OK:-1}" = 1 ] || echo "# nft counter unavailable: $(head -c 300 "$WORK/nft.err" | tr '\n' ' ')"
