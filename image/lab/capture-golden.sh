#!/usr/bin/env bash
# Captures real keepalived traffic as golden fixtures for the VRRP codec tests.
#
# One network namespace (unique name) holds a veth pair; keepalived runs there with three
# instances (VRRPv2 + PASS auth, VRRPv3/IPv4, VRRPv3/IPv6), tcpdump records the wire, and on
# SIGTERM keepalived sends its priority-0 adverts, which are captured too. Each fixture file in
# tests/Appliance.Vrrp.Tests/Golden/ gets '#' header lines saying how it was made, then one
# packet per line in hex: adverts from the IP header on, GARP/NA frames from the Ethernet header on.
#
# Usage (root): image/lab/capture-golden.sh [seconds, default 6]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=$PWD/tests/Appliance.Vrrp.Tests/Golden
SECONDS_TO_RUN=${1:-6}

[ "$(id -u)" = 0 ] || { echo "capture-golden.sh: needs root (network namespaces)" >&2; exit 1; }
for tool in ip keepalived tcpdump; do
  command -v "$tool" >/dev/null || { echo "capture-golden.sh: '$tool' is missing (./build.sh setup installs it)" >&2; exit 1; }
done

TOKEN=ap$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
NS=${TOKEN}g
WORK=$(mktemp -d)
KA_PID=""
DUMP_PID=""

cleanup() {
  # Only the processes this script started, by PID; then the namespace and its veth pair.
  [ -n "$KA_PID" ] && kill -TERM "$KA_PID" 2>/dev/null && wait "$KA_PID" 2>/dev/null || true
  [ -n "$DUMP_PID" ] && kill -INT "$DUMP_PID" 2>/dev/null && wait "$DUMP_PID" 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

ip netns add "$NS"
# Link-local addresses must be usable at once: keepalived sends IPv6 adverts from the link-local
# source, and a tentative (DAD) address cannot be bound.
ip netns exec "$NS" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
ip -n "$NS" link add veth0 type veth peer name veth1
ip -n "$NS" link set lo up
ip -n "$NS" link set veth1 up
ip -n "$NS" link set veth0 up
ip -n "$NS" addr add 192.0.2.10/24 dev veth0
ip -n "$NS" addr add 2001:db8::10/64 dev veth0

cat >"$WORK/keepalived.conf" <<'EOF'
global_defs {
    router_id golden
}
vrrp_instance V2_PASS {
    version 2
    state MASTER
    interface veth0
    virtual_router_id 51
    priority 200
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass golden12
    }
    virtual_ipaddress {
        192.0.2.51/24
    }
}
vrrp_instance V3_IPV4 {
    version 3
    state MASTER
    interface veth0
    virtual_router_id 52
    priority 150
    advert_int 0.5
    virtual_ipaddress {
        192.0.2.52/24
        192.0.2.152/24
    }
}
vrrp_instance V3_IPV6 {
    version 3
    state MASTER
    interface veth0
    virtual_router_id 53
    priority 100
    advert_int 1
    virtual_ipaddress {
        fe80::53/64
        2001:db8::53/64
    }
}
EOF

KA_CMD="keepalived -n -l -P -f keepalived.conf -p keepalived.pid -r vrrp.pid"
ip netns exec "$NS" tcpdump -i veth0 -U -n -s 0 -w "$WORK/cap.pcap" \
  'ip proto 112 or ip6 proto 112 or arp or (icmp6 and ip6[40] == 136)' 2>"$WORK/tcpdump.log" &
DUMP_PID=$!
# Poll (with a deadline) until tcpdump has opened the interface, so the first adverts are seen.
for _ in $(seq 50); do grep -q listening "$WORK/tcpdump.log" 2>/dev/null && break; sleep 0.1; done

(cd "$WORK" && exec ip netns exec "$NS" $KA_CMD) >"$WORK/keepalived.log" 2>&1 &
KA_PID=$!
sleep "$SECONDS_TO_RUN"
kill -TERM "$KA_PID"; wait "$KA_PID" || true; KA_PID=""
# The priority-0 adverts leave during shutdown; give tcpdump a moment to write them out.
sleep 1
kill -INT "$DUMP_PID"; wait "$DUMP_PID" || true; DUMP_PID=""

VERSION=$(keepalived --version 2>&1 | head -1)
MAC=$(ip -n "$NS" -br link show veth0 | awk '{print $3}')

# tcpdump -x prints from the network header, -xx from the link header; join each packet's hex.
to_hex_lines() {
  tcpdump -r "$WORK/cap.pcap" -n "$1" "$2" 2>/dev/null | awk '
    /^\t0x/ { for (i = 2; i <= NF; i++) cur = cur $i; next }
    { if (cur != "") print cur; cur = "" }
    END { if (cur != "") print cur }'
}
to_hex_lines -x 'ip proto 112 or ip6 proto 112' >"$WORK/adverts.hex"
to_hex_lines -xx 'arp' >"$WORK/garp.hex"
to_hex_lines -xx 'icmp6 and ip6[40] == 136' >"$WORK/na.hex"

# Keep, per VRID, the first three adverts with a live priority and the first priority-0 one.
pick_adverts() { # $1 = VRID in hex
  awk -v vrid="$1" '{
    off = (substr($0, 1, 1) == "4") ? 40 : 80
    if (substr($0, off + 3, 2) != vrid) next
    prio = substr($0, off + 5, 2)
    if (prio == "00") { if (!zero++) print; next }
    if (live++ < 3) print
  }' "$WORK/adverts.hex"
}

header() { # $1 = what, $2 = layer the hex starts at
  cat <<EOF
# $1, captured from the real $VERSION by image/lab/capture-golden.sh
# on $(date -u +%Y-%m-%d): namespace with veth0 (MAC $MAC, 192.0.2.10/24, 2001:db8::10/64), \`$KA_CMD\`,
# instances: V2_PASS vrid 51 prio 200 advert_int 1 auth PASS golden12 vip 192.0.2.51;
# V3_IPV4 vrid 52 prio 150 advert_int 0.5 vips 192.0.2.52 192.0.2.152; V3_IPV6 vrid 53 prio 100 advert_int 1 vips fe80::53 2001:db8::53.
# One packet per line, hex, from the $2 header on; the last line is the priority-0 advert sent on SIGTERM where present.
EOF
}

mkdir -p "$OUT"
{ header "VRRPv2 adverts with PASS auth" IP; pick_adverts 33; } >"$OUT/keepalived-v2-pass.hex"
{ header "VRRPv3 IPv4 adverts" IP; pick_adverts 34; } >"$OUT/keepalived-v3-ipv4.hex"
{ header "VRRPv3 IPv6 adverts" IP; pick_adverts 35; } >"$OUT/keepalived-v3-ipv6.hex"
{ header "Gratuitous ARP frames" Ethernet; head -2 "$WORK/garp.hex"; } >"$OUT/keepalived-garp.hex"
{ header "Unsolicited neighbour advertisements" Ethernet; head -2 "$WORK/na.hex"; } >"$OUT/keepalived-na.hex"

for f in "$OUT"/keepalived-*.hex; do
  printf '%s: %s packets\n' "$(basename "$f")" "$(grep -vc '^#' "$f" || true)"
done
