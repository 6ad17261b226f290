#!/usr/bin/env bash
# The Appliance demo: two routers and a client on a bridge, each in its own network namespace.
# Shows the election (the VIP only on the master), kills the master with SIGKILL, measures how
# long until the backup holds the VIP (netlink address dump via `ip`), prints each router's LED
# line, then cleans everything up, also on Ctrl-C or failure.
# usage: demo.sh <path-to-appliance-binary>   (as root; ./build.sh demo does this)
set -euo pipefail
BIN=${1:?usage: demo.sh <path-to-appliance>}
[ -x "$BIN" ] || { echo "demo.sh: $BIN is not an executable" >&2; exit 1; }
BIN=$(readlink -f "$BIN")
HERE=$(cd "$(dirname "$0")" && pwd)
CONF=$HERE/default.conf
[ "$(id -u)" = 0 ] || { echo "demo.sh: run as root (it creates network namespaces)" >&2; exit 1; }
command -v ip >/dev/null || { echo "demo.sh: iproute2 is required" >&2; exit 1; }

T=ap$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
SW=$T-sw R1=$T-r1 R2=$T-r2 CL=$T-c
WORK=$(mktemp -d /tmp/$T-demo.XXXX)
PIDS=()
VIP=10.200.0.254

cleanup() {
  local p
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done
  for ns in "$R1" "$R2" "$CL" "$SW"; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
now_ms() { date +%s%3N; }
# No `grep -q`: it exits at the first match and, under pipefail, ip's SIGPIPE would read as "no VIP".
has_vip() { ip -n "$1" -o addr show dev eth0 | grep " $VIP/" >/dev/null; }
client_mac() { ip -n "$CL" neigh show "$VIP" | awk '{print $5}'; }

say "network: bridge $SW/br0, routers $R1 (priority 150) and $R2 (priority 100), client $CL"
ip netns add "$SW"; ip -n "$SW" link add br0 type bridge mcast_snooping 0; ip -n "$SW" link set br0 up
n=0
for ns in "$R1" "$R2" "$CL"; do
  n=$((n + 1))
  ip netns add "$ns"; ip -n "$ns" link set lo up
  ip link add "$T$n" netns "$ns" type veth peer name "p$n" netns "$SW"
  ip -n "$SW" link set "p$n" master br0 up
  ip -n "$ns" link set "$T$n" name eth0
  addr=10.200.0.$((10 + n)); [ "$ns" = "$CL" ] && addr=10.200.0.100
  ip -n "$ns" addr add "$addr/24" dev eth0; ip -n "$ns" link set eth0 up
done
# The client learns the VIP's MAC from the gratuitous ARPs alone (no traffic of its own).
ip netns exec "$CL" sysctl -qw net.ipv4.conf.eth0.arp_accept=1

start_router() { # name id
  ip netns exec "$1" "$BIN" run -f "$CONF" -i "$2" -p "$WORK/$2.pid" --status-file "$WORK/$2.status" >"$WORK/$2.log" 2>&1 &
  PIDS+=($!)
  echo "started $2 in $1 (pid $!)"
}

say "starting both routers on $CONF"
start_router "$R1" r1
start_router "$R2" r2
R1PID=${PIDS[0]}

say "election: both start as BACKUP (RFC 9568 6.4.1); the higher priority (r1) must end up holding $VIP"
t0=$(now_ms)
until has_vip "$R1" && ! has_vip "$R2"; do
  [ $(( $(now_ms) - t0 )) -lt 15000 ] || { echo "no master elected in 15 s"; cat "$WORK"/r*.log; exit 1; }
  sleep 0.05
done
echo "settled after $(( $(now_ms) - t0 )) ms"
for ns in "$R1" "$R2"; do
  if has_vip "$ns"; then echo "$ns: holds $VIP (MASTER)"; else echo "$ns: no VIP (BACKUP)"; fi
done
sleep 0.3
echo "client learned from GARP: $VIP is at $(client_mac) (r1's eth0: $(ip -n "$R1" link show eth0 | awk '/ether/{print $2}'))"

say "router logs so far"
sed 's/^/  r1 | /' "$WORK/r1.log"; sed 's/^/  r2 | /' "$WORK/r2.log"

say "killing the master (r1, SIGKILL: no priority-0 advert, VIPs left behind on r1)"
t0=$(now_ms)
kill -9 "$R1PID"; wait "$R1PID" 2>/dev/null || true
until has_vip "$R2"; do
  [ $(( $(now_ms) - t0 )) -lt 15000 ] || { echo "backup did not take over in 15 s"; cat "$WORK/r2.log"; exit 1; }
  sleep 0.01
done
t1=$(now_ms)
echo "FAILOVER: r2 holds $VIP after $((t1 - t0)) ms (Master_Down_Interval for priority 100 at 1 s adverts: 3 s + skew 0.61 s)"
sleep 0.3
echo "client learned from GARP: $VIP is at $(client_mac) (r2's eth0: $(ip -n "$R2" link show eth0 | awk '/ether/{print $2}'))"

say "LED state of each router (console LEDs: no GPIO in the demo)"
echo "r1: killed; its last LED line: $(grep 'LED status' "$WORK/r1.log" | tail -1 | sed 's/.*LED status/LED status/')"
echo "r2: $(grep 'LED status' "$WORK/r2.log" | tail -1 | sed 's/.*LED status/LED status/')"

say "restarting r1 after the crash: it removes its stale VIP and preempts back"
start_router "$R1" r1
t0=$(now_ms)
until has_vip "$R1" && ! has_vip "$R2"; do
  [ $(( $(now_ms) - t0 )) -lt 15000 ] || { echo "r1 did not preempt back in 15 s"; cat "$WORK/r1.log"; exit 1; }
  sleep 0.02
done
echo "r1 is master again after $(( $(now_ms) - t0 )) ms (it waits out Master_Down_Interval, then preempts); r2 released the VIP"
grep -h 'stale VIP' "$WORK/r1.log" | sed 's/^/  r1 | /' || true

say "status file of r2"
kill -USR1 "${PIDS[1]}"; sleep 0.2
sed 's/^/  /' "$WORK/r2.status" | head -12

say "graceful stop (SIGTERM): priority 0, VIPs removed"
for p in "${PIDS[@]:1}"; do kill -TERM "$p" 2>/dev/null || true; done
wait "${PIDS[1]}" "${PIDS[2]}" 2>/dev/null || true
has_vip "$R1" && echo "r1 still holds the VIP (unexpected)" || echo "no VIP left on r1"
has_vip "$R2" && echo "r2 still holds the VIP (unexpected)" || echo "no VIP left on r2"
say "done; cleaning up namespaces"
