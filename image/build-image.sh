#!/usr/bin/env bash
# Builds the ARM64 appliance image for QEMU's `virt` machine from Debian's arm64 packages:
#   vmlinuz              Debian's arm64 kernel (linux-image-*-arm64), unchanged
#   initrd.gz            BusyBox, the kernel modules the appliance needs, glibc/libssl/libgpiod for
#                        the AOT binary, the binary, the board profiles, a config template and a
#                        SysV-style boot script that BusyBox init runs (the boot-time service)
#   virt-ledclass.dtb    the virt device tree with a gpio-leds node on PL061 lines 0/1
#   virt-gpio.dtb        the virt device tree with PL061 lines left to the appliance (raw GPIO LEDs)
# Both trees drop QEMU's gpio-keys node, so line 3 (the power button) is free for the
# maintenance button. Debian packages are downloaded once and cached in $CACHE.
# usage: build-image.sh <appliance-arm64-binary> <out-dir> [cache-dir]
set -euo pipefail
BIN=$(readlink -f "${1:?usage: build-image.sh <appliance-arm64-binary> <out-dir> [cache-dir]}")
OUT=$(mkdir -p "${2:?out dir}" && cd "$2" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CACHE=$(mkdir -p "${3:-$OUT/../image-cache}" && cd "${3:-$OUT/../image-cache}" && pwd)
step() { printf '   image: %s\n' "$*"; }

# The kernel version follows Debian's linux-image-arm64 meta package, so a point release is
# picked up on the next build; the cache keeps whatever was fetched last.
dpkg --print-foreign-architectures | grep -qx arm64 || { dpkg --add-architecture arm64; apt-get update -q; }
KPKG=$(apt-cache depends linux-image-arm64:arm64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
[ -n "$KPKG" ] || { apt-get update -q; KPKG=$(apt-cache depends linux-image-arm64:arm64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}'); }
[ -n "$KPKG" ] || { echo "build-image.sh: cannot find Debian's arm64 kernel package" >&2; exit 1; }
PKGS=("$KPKG" busybox-static:arm64 libc6:arm64 libssl3:arm64 zlib1g:arm64 libgpiod2:arm64)
cd "$CACHE"
for p in "${PKGS[@]}"; do
  name=${p%%:*}
  ls "${name}"_*_arm64.deb >/dev/null 2>&1 && continue
  step "downloading $p"
  apt-get download -q "$p" >/dev/null 2>&1 || { echo "build-image.sh: apt-get download $p failed" >&2; exit 1; }
done

STAGE=$(mktemp -d /tmp/appliance-image.XXXXXX)
trap 'rm -rf "$STAGE"' EXIT
PKGROOT=$STAGE/pkgs
mkdir -p "$PKGROOT"
for d in "$CACHE"/*.deb; do dpkg -x "$d" "$PKGROOT"; done
KVER=$(ls "$PKGROOT/lib/modules" | head -1)
cp "$PKGROOT/boot/vmlinuz-$KVER" "$OUT/vmlinuz"

R=$STAGE/root
mkdir -p "$R"/{bin,sbin,etc/init.d,etc/appliance,proc,sys,dev,run,tmp,root,usr/sbin,usr/share/appliance/board,lib/aarch64-linux-gnu,var/lib/appliance,mnt}
cp "$PKGROOT/bin/busybox" "$R/bin/busybox"
for a in $("$PKGROOT/bin/busybox" --list 2>/dev/null || qemu-aarch64-static "$PKGROOT/bin/busybox" --list); do
  [ -e "$R/bin/$a" ] || ln -s busybox "$R/bin/$a"
done
ln -sf ../bin/busybox "$R/sbin/init"

# Kernel modules: only what the appliance uses, with everything they depend on (depmod -b
# resolves that for busybox modprobe; Debian's package ships no modules.dep).
MODS=(virtio_mmio virtio_net softdog leds-gpio ledtrig-timer macvlan)
SRCMOD=$PKGROOT/lib/modules/$KVER
depmod -b "$PKGROOT" "$KVER"
want=()
for m in "${MODS[@]}"; do
  while read -r kind path _; do
    [ "$kind" = insmod ] && want+=("$path")
  done < <(modprobe -d "$PKGROOT" -S "$KVER" --show-depends "$m")
done
for p in "${want[@]}"; do
  rel=${p#"$PKGROOT"/}
  mkdir -p "$R/$(dirname "$rel")"
  cp "$p" "$R/$rel"
done
cp "$SRCMOD"/modules.{order,builtin,builtin.modinfo} "$R/lib/modules/$KVER/" 2>/dev/null || true
depmod -b "$R" "$KVER"

# Shared libraries the AOT binary needs: glibc (linked), libssl/libcrypto (HMAC for heartbeat
# keys, loaded on first use), zlib, libgpiod (System.Device.Gpio's driver, loaded on first use).
for f in ld-linux-aarch64.so.1 libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libz.so.1 \
  libcrypto.so.3 libssl.so.3 libgpiod.so.2; do
  src=$(find "$PKGROOT/lib/aarch64-linux-gnu" "$PKGROOT/usr/lib/aarch64-linux-gnu" -name "$f*" 2>/dev/null | head -1)
  [ -n "$src" ] || { echo "build-image.sh: $f not found in the arm64 packages" >&2; exit 1; }
  cp -L "$src" "$R/lib/aarch64-linux-gnu/$f"
done
mkdir -p "$R/lib64" "$R/usr/lib"
ln -sf ../lib/aarch64-linux-gnu/ld-linux-aarch64.so.1 "$R/lib/ld-linux-aarch64.so.1"
ln -sf aarch64-linux-gnu "$R/usr/lib/aarch64-linux-gnu" 2>/dev/null || true

install -m 0755 "$BIN" "$R/usr/sbin/appliance"
cp "$ROOT"/board/*.toml "$R/usr/share/appliance/board/"
install -m 0644 "$HERE/qemu/appliance.conf.in" "$R/etc/appliance/appliance.conf.in"
install -m 0755 "$HERE/sysv/appliance" "$R/etc/init.d/S50appliance"
install -m 0755 "$HERE/qemu/rcS" "$R/etc/init.d/rcS"
install -m 0644 "$HERE/qemu/inittab" "$R/etc/inittab"
install -m 0755 "$HERE/qemu/init" "$R/init"
echo "root:x:0:0:root:/root:/bin/sh" >"$R/etc/passwd"
echo "root:x:0:" >"$R/etc/group"

(cd "$R" && find . | cpio -o -H newc --quiet | gzip -9) >"$OUT/initrd.gz"

# Device trees: dump QEMU's own for the exact machine the test boots, then edit.
DTS=$STAGE/virt.dts
qemu-system-aarch64 -M virt,acpi=off,dumpdtb="$STAGE/virt.dtb" -cpu cortex-a72 -m 512 -nographic -nic none >/dev/null 2>&1
dtc -q -I dtb -O dts "$STAGE/virt.dtb" -o "$DTS"
# Remove the gpio-keys node: line 3 is the maintenance button, read by the appliance itself.
awk 'BEGIN{skip=0} /^\tgpio-keys \{/{skip=1} skip&&/^\t\};/{skip=0; next} !skip' "$DTS" >"$STAGE/gpio.dts"
PL061=$(awk '/pl061@9030000/{f=1} f&&/phandle/{gsub(/[<>;]/,"",$3); print $3; exit}' "$DTS")
sed '$d' "$STAGE/gpio.dts" >"$STAGE/ledclass.dts"
cat >>"$STAGE/ledclass.dts" <<DTS
	leds {
		compatible = "gpio-leds";
		status {
			label = "status";
			gpios = <$PL061 0 0>;
			default-state = "off";
		};
		alert {
			label = "alert";
			gpios = <$PL061 1 0>;
			default-state = "off";
		};
	};
};
DTS
dtc -q -I dts -O dtb "$STAGE/gpio.dts" -o "$OUT/virt-gpio.dtb"
dtc -q -I dts -O dtb "$STAGE/ledclass.dts" -o "$OUT/virt-ledclass.dtb"

printf '   image: %-22s %9s bytes (Debian %s)\n' vmlinuz "$(stat -c %s "$OUT/vmlinuz")" "$KPKG"
printf '   image: %-22s %9s bytes\n' initrd.gz "$(stat -c %s "$OUT/initrd.gz")"
printf '   image: %-22s %9s bytes (linux-arm64 native AOT)\n' appliance "$(stat -c %s "$BIN")"
