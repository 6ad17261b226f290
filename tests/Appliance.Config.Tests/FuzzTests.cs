using System.Text;
using Appliance.Config.Tests.Support;
using CsCheck;

namespace Appliance.Config.Tests;

/// <summary>
/// Mutated configurations never crash either reader, and every diagnostic they produce points into the
/// text (line and column at least 1). Seeds from the corpus: the samples, the fixtures, the examples.
/// </summary>
public sealed class FuzzTests
{
    private static readonly string[] s_confSeeds = Samples.Files().Select(File.ReadAllText)
        .Concat(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.conf").Select(File.ReadAllText))
        .ToArray();

    private static readonly string[] s_tomlSeeds = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.toml")
        .Select(File.ReadAllText).ToArray();

    private const string Interesting = "{}\"'#!$@~\\\n \t=.,/:[]()0123456789-abcSEQLSTx";

    /// <summary>A list of edits: (kind, position fraction, length, character).</summary>
    private static readonly Gen<(int Kind, double At, int Length, char C)[]> s_edits =
        Gen.Select(Gen.Int[0, 5], Gen.Double[0, 1], Gen.Int[0, 40], Gen.Char[Interesting]).Array[1, 12];

    private static string Mutate(string seed, (int Kind, double At, int Length, char C)[] edits)
    {
        var sb = new StringBuilder(seed);
        foreach (var (kind, at, length, c) in edits)
        {
            int pos = (int)(at * sb.Length);
            pos = Math.Clamp(pos, 0, sb.Length);
            int len = Math.Min(length, sb.Length - pos);
            switch (kind)
            {
                case 0: sb.Remove(pos, len); break;
                case 1: sb.Insert(pos, c); break;
                case 2: sb.Insert(pos, new string(c, 1 + length % 4)); break;
                case 3: if (len > 0) sb.Insert(pos, sb.ToString(pos, len)); break;
                case 4: if (pos < sb.Length) sb[pos] = c; break;
                default: sb.Insert(pos, "\n" + (length % 3 == 0 ? "@x " : length % 3 == 1 ? "$P=" : "~SEQ(V,1,3) ") + c); break;
            }
        }
        return sb.ToString();
    }

    private static void AssertSane(ConfigLoadResult r, string fileName)
    {
        Assert.Equal(r.HasErrors, r.Config is null);
        foreach (var d in r.Diagnostics)
        {
            Assert.True(d.Location.Line >= 1 && d.Location.Column >= 1, $"unlocated: {d}");
            Assert.Equal(fileName, d.Location.File);
            Assert.False(string.IsNullOrWhiteSpace(d.Message));
        }
    }

    [Fact]
    public void Mutated_keepalived_configs_never_crash_and_every_diagnostic_is_located()
    {
        Gen.Select(Gen.Int[0, s_confSeeds.Length - 1], s_edits).Sample((seed, edits) =>
        {
            string text = Mutate(s_confSeeds[seed], edits);
            AssertSane(ConfigLoader.LoadText(text, "fuzz.conf", new ConfigLoadOptions { ConfigId = "x" }), "fuzz.conf");
            AssertSane(ConfigLoader.LoadText(text, "fuzz.conf", new ConfigLoadOptions { ConfigId = "x", Strict = true }), "fuzz.conf");
        }, iter: 3000);
    }

    [Fact]
    public void Mutated_toml_configs_never_crash_and_every_diagnostic_is_located()
    {
        Gen.Select(Gen.Int[0, s_tomlSeeds.Length - 1], s_edits).Sample((seed, edits) =>
        {
            string text = Mutate(s_tomlSeeds[seed], edits);
            AssertSane(ConfigLoader.LoadText(text, "fuzz.toml", new ConfigLoadOptions { ConfigId = "x" }), "fuzz.toml");
        }, iter: 3000);
    }

    [Fact]
    public void Random_text_never_crashes_either_reader()
    {
        Gen.String[Gen.Char[Interesting], 0, 400].Sample(text =>
        {
            AssertSane(ConfigLoader.LoadText(text, "r.conf", new ConfigLoadOptions { ConfigId = "x" }), "r.conf");
            AssertSane(ConfigLoader.LoadText(text, "r.toml", new ConfigLoadOptions { ConfigId = "x" }), "r.toml");
        }, iter: 3000);
    }

    [Fact]
    public void A_generator_that_would_explode_is_capped_with_a_located_error()
    {
        var r = ConfigLoader.LoadText("~SEQ(A,1,1000) ~SEQ(B,1,1000) ~SEQ(C,1,1000) x\n", "bomb.conf", new ConfigLoadOptions { ConfigId = "x" });
        AssertSane(r, "bomb.conf");
        Assert.True(r.HasErrors);
    }

    [Theory]
    [InlineData("test.conf", "x {", "")]
    [InlineData("test.toml", "a = [", "]")]
    [InlineData("test.toml", "a = { b = [", "] }")]
    public void Deep_nesting_is_a_located_error_not_a_stack_overflow(string fileName, string open, string close)
    {
        string text = string.Concat(Enumerable.Repeat(open, 100_000)) + "1" + string.Concat(Enumerable.Repeat(close, 100_000));
        var r = ConfigLoader.LoadText(text, fileName, new ConfigLoadOptions { ConfigId = "x" });
        AssertSane(r, fileName);
        Assert.True(r.HasErrors);
    }
}
