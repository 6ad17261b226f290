#!/usr/bin/env bash
# Appliance build driver. Verbs: setup build test publish image bench demo (default: build).
# Every verb that needs tools runs `setup` first when something is missing, so a fresh
# Debian machine needs nothing but this script (and the .NET SDK, which Debian does not ship).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
ART=$ROOT/artifacts
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1 MSBUILDDISABLENODEREUSE=1

# Debian packages and why each is here:
#   clang lld zlib1g-dev                     native AOT link for linux-x64
#   gcc libc6-dev linux-libc-dev             the ABI tests compile C headers with _Static_assert
#   gcc-aarch64-linux-gnu libc6-dev-arm64-cross  native AOT cross link for linux-arm64
#   qemu-user-static                         run the arm64 binary on this host (tests)
#   iproute2 nftables                        network namespaces, veth, bridges, fault injection (tests)
#   iputils-ping                             proves accept mode off: the VIP stops answering (tests)
#   keepalived                               the real peer for interop tests, and its sample configs
#   frr                                      FRRouting's vrrpd, a second real VRRPv3 peer (IPv6 interop tests)
#   tshark tcpdump                           wire checks: VRRP dissector, GARP/NA capture (tests)
#   socat                                    pty pairs standing in for a serial line (tests)
#   snmpd snmp snmptrapd                     net-snmp master agent, snmpwalk and the trap receiver: the AgentX
#                                            subagent is tested against them (tests)
#   libgpiod2                                the GPIO driver System.Device.Gpio loads at run time
#   procps psmisc                            pgrep/pkill/fuser in the lab scripts
#   qemu-system-arm kmod cpio device-tree-compiler  the ARM64 image: boot it, depmod, initramfs, device trees
APT_PACKAGES=(clang lld zlib1g-dev gcc libc6-dev linux-libc-dev gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static
  iproute2 nftables iputils-ping keepalived frr tshark tcpdump socat libgpiod2 procps psmisc qemu-system-arm kmod cpio device-tree-compiler
  snmpd snmp snmptrapd)

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

missing_packages() {
  local p out=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || out+=("$p")
  done
  echo "${out[@]:-}"
}

cmd_setup() {
  command -v dotnet >/dev/null || die "the .NET 10 SDK is required (not in Debian's archive); install it and re-run"
  local miss; miss=$(missing_packages)
  if [ -n "$miss" ]; then
    [ "$(id -u)" = 0 ] || die "missing Debian packages ($miss); run './build.sh setup' as root"
    log "installing Debian packages: $miss"
    export DEBIAN_FRONTEND=noninteractive
    # tshark asks whether non-root users may capture; the answer does not matter to us.
    echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
    apt-get update -q
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $miss
  fi
  log "restoring NuGet packages"
  dotnet restore Appliance.sln -nologo -v q
  for rid in linux-x64 linux-arm64; do
    dotnet restore src/Appliance/Appliance.csproj -r "$rid" -p:PublishAot=true -nologo -v q
  done
  mkdir -p "$ART" && touch "$ART/.setup-done"
}

ensure_setup() {
  if [ ! -f "$ART/.setup-done" ] || [ -n "$(missing_packages)" ]; then cmd_setup; fi
}

cmd_build() {
  ensure_setup
  log "building (Debug)"
  dotnet build Appliance.sln -nologo -v q
}

count_of() { # WORD LOG: the number after "WORD:" in the closing block, 0 when absent
  local n; n=$(grep -E "^ +$1: +[0-9]+" "$2" | tail -1 | grep -oE '[0-9]+' || true)
  echo "${n:-0}"
}

# Runs every test project one after another (the kernel tests create network namespaces and
# must not race each other for CPU on a 2-core box), then prints one closing line that CI reads.
cmd_test() {
  ensure_setup
  cmd_build
  # The arm64 --version test and the daemon tests use the published binaries; the QEMU
  # end-to-end test boots the image built from the arm64 one.
  cmd_publish
  cmd_image --reuse-binary
  local passed=0 failed=0 skipped=0 rc=0 proj out line
  RETRIED=""
  mkdir -p "$ART/test-logs"
  for proj in tests/*.Tests/*.Tests.csproj; do
    local name; name=$(basename "$proj" .csproj)
    log "testing $name"
    out="$ART/test-logs/$name.log"
    set +e
    dotnet test "$proj" --no-build -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$out" \
      | grep -E '^\s+(Failed|Skipped) |^\s+(Passed|Failed|Skipped)!|^(Passed|Failed)!|Error Message|\[SKIP\]|^\s{2,}at .*Tests'
    # Read the test runner's status straight away: any other command (even `|| true`) resets PIPESTATUS.
    local prc=${PIPESTATUS[0]}
    set -e
    # vstest's closing block at normal verbosity: "Total tests: N" then "Passed: N", "Failed: N", "Skipped: N".
    if ! grep -qE '^Total tests: [0-9]+' "$out"; then
      echo "   $name: no test summary (exit $prc)"
      [ "$prc" = 0 ] || { rc=1; failed=$((failed + 1)); }
      continue
    fi
    local p f s
    p=$(count_of Passed "$out"); f=$(count_of Failed "$out"); s=$(count_of Skipped "$out")
    # A lab test that fails once is run once more, alone, and said so: on a 2-core machine a
    # timing-heavy namespace test can lose a race to the previous test's leftovers. A test that
    # fails again stays failed; the summary names every test that needed the second run.
    if [ "$f" != 0 ] && [ "$f" -le 5 ]; then
      local names filter retry="$ART/test-logs/$name.retry.log"
      names=$(grep -E '^\s+Failed [A-Za-z]' "$out" | sed -E 's/^\s+Failed ([^ (]+).*/\1/' | sort -u)
      filter=$(printf 'FullyQualifiedName~%s|' $names); filter=${filter%|}
      echo "   $name: $f failed; running them once more alone: $(echo $names | tr '\n' ' ')"
      set +e
      dotnet test "$proj" --no-build -nologo --logger "console;verbosity=normal" --filter "$filter" >"$retry" 2>&1
      local rrc=$?
      set -e
      if [ "$rrc" = 0 ] && [ "$(count_of Failed "$retry")" = 0 ]; then
        RETRIED="$RETRIED $names"
        p=$((p + f)); f=0; prc=0
      else
        grep -E '^\s+Failed |Error Message' "$retry" || true
      fi
    fi
    echo "   $name: $p passed, $f failed, $s skipped"
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    [ "$prc" = 0 ] || { rc=1; [ "$f" != 0 ] || failed=$((failed + 1)); }
  done
  [ "$failed" = 0 ] || rc=1
  echo
  [ -z "$RETRIED" ] || echo "Passed only on a second run (flaky, counted as passed, see test-logs/*.retry.log):$RETRIED"
  echo "Tests: $passed passed, $failed failed, $skipped skipped"
  return $rc
}

publish_one() {
  local rid=$1 out="$ART/publish/$1" logf="$ART/publish-$1.log"
  log "publishing native AOT for $rid"
  set +e
  dotnet publish src/Appliance/Appliance.csproj -c Release -r "$rid" -o "$out" -nologo -v q \
    -p:TreatWarningsAsErrors=true -clp:NoSummary >"$logf" 2>&1
  local prc=$?
  set -e
  local warns; warns=$(grep -cE 'warning (IL|CS|NU)[0-9]+' "$logf" || true)
  if [ "$prc" != 0 ] || [ "$warns" != 0 ]; then
    cat "$logf"; die "publish for $rid failed ($warns warnings; warnings are errors)"
  fi
  # The profile loader looks next to the binary first (then /usr/share/appliance/board).
  mkdir -p "$out/board" && cp board/*.toml "$out/board/"
  printf '   %-12s %s  %s bytes, 0 IL/trim/AOT warnings\n' "$rid" "$out/appliance" "$(stat -c %s "$out/appliance")"
}

cmd_publish() {
  ensure_setup
  publish_one linux-x64
  publish_one linux-arm64
}

cmd_bench() {
  ensure_setup
  log "running benchmarks (BenchmarkDotNet, Release)"
  dotnet run -c Release --project tests/Appliance.Benchmarks -- --filter "${1:-*}" --join
}

# The ARM64 image for QEMU's virt machine (image/build-image.sh says what is in it). The
# kernel and libraries come from Debian's arm64 packages, cached in artifacts/image-cache.
cmd_image() {
  ensure_setup
  [ -x "$ART/publish/linux-arm64/appliance" ] && [ "${1:-}" = --reuse-binary ] || publish_one linux-arm64
  log "building the ARM64 image (QEMU virt)"
  bash "$ROOT/image/build-image.sh" "$ART/publish/linux-arm64/appliance" "$ART/image" "$ART/image-cache"
  echo "   image: in $ART/image"
}

cmd_demo() {
  ensure_setup
  cmd_publish
  [ "$(id -u)" = 0 ] || die "the demo creates network namespaces: run it as root"
  bash "$ROOT/image/demo.sh" "$ART/publish/linux-x64/appliance"
}

verb=${1:-build}
shift || true
case "$verb" in
  setup) cmd_setup ;;
  build) cmd_build ;;
  test) cmd_test "$@" ;;
  publish) cmd_publish ;;
  bench) cmd_bench "$@" ;;
  demo) cmd_demo ;;
  image) cmd_image "$@" ;;
  *) die "unknown verb '$verb' (setup build test publish image bench demo)" ;;
esac
