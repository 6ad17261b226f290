namespace Appliance.Testing.Qemu;

/// <summary>The files <c>./build.sh image</c> writes to <c>artifacts/image</c>.</summary>
public sealed record QemuImage(string Kernel, string Initrd, string LedClassDtb, string GpioDtb)
{
    /// <summary>The image in the repository's artifacts, or null when it was not built.</summary>
    public static QemuImage? FromArtifacts()
    {
        string dir = Path.Combine(RepoPaths.Root, "artifacts", "image");
        var image = new QemuImage(Path.Combine(dir, "vmlinuz"), Path.Combine(dir, "initrd.gz"),
            Path.Combine(dir, "virt-ledclass.dtb"), Path.Combine(dir, "virt-gpio.dtb"));
        return File.Exists(image.Kernel) && File.Exists(image.Initrd) && File.Exists(image.LedClassDtb) && File.Exists(image.GpioDtb) ? image : null;
    }
}
