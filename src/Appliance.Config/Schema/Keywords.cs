using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Appliance.Config.Schema;

/// <summary>
/// The registry of every keyword (declared in the Keywords.*.cs parts, one field each). Lookups by
/// keepalived block and name, and by TOML key, for the readers, the writer, check and the docs.
/// </summary>
public static partial class Keywords
{
    // Filled by Add() from the field initialisers of every part; all of them run before any member of
    // this class is first used, so All is complete by the time anyone reads it.
    private static List<Keyword>? s_declared;

    private static Keyword Add(Keyword k)
    {
        (s_declared ??= []).Add(k);
        return k;
    }

    private static readonly Lazy<Index> s_index = new(() => new Index(s_declared!));

    /// <summary>Every declared keyword, grouped by block in <see cref="Blocks.All"/> order.</summary>
    public static ImmutableArray<Keyword> All => s_index.Value.All;

    /// <summary>The keyword <paramref name="name"/> (or an alias) in keepalived block <paramref name="block"/>.</summary>
    public static Keyword? Find(string block, string name) =>
        s_index.Value.ByBlock.TryGetValue(block, out var names) && names.TryGetValue(name, out var k) ? k : null;

    /// <summary>The keyword with TOML key <paramref name="dotted"/> (<c>instance.priority</c>).</summary>
    public static Keyword? FindToml(string dotted) => s_index.Value.ByToml.TryGetValue(dotted, out var k) ? k : null;

    /// <summary>Every keepalived spelling known in <paramref name="block"/>, for "did you mean".</summary>
    public static IEnumerable<string> NamesIn(string block) =>
        s_index.Value.ByBlock.TryGetValue(block, out var names) ? names.Keys : [];

    /// <summary>True when <paramref name="name"/> is a keepalived keyword of any block.</summary>
    public static bool IsKnown(string name) => s_index.Value.AnyBlock.Contains(name);

    private sealed class Index
    {
        public Index(List<Keyword> declared)
        {
            var ordered = ImmutableArray.CreateBuilder<Keyword>(declared.Count);
            foreach (string b in Blocks.All)
                foreach (var k in declared)
                    if (k.Block == b) ordered.Add(k);
            if (ordered.Count != declared.Count) throw new InvalidOperationException("bug: a keyword names a block missing from Blocks.All");
            All = ordered.MoveToImmutable();

            var byBlock = new Dictionary<string, Dictionary<string, Keyword>>(StringComparer.Ordinal);
            var byToml = new Dictionary<string, Keyword>(StringComparer.Ordinal);
            foreach (var k in All)
            {
                if (!byBlock.TryGetValue(k.Block, out var names)) byBlock[k.Block] = names = new(StringComparer.Ordinal);
                foreach (string n in k.Names())
                    if (!names.TryAdd(n, k)) throw new InvalidOperationException($"bug: keyword '{n}' is declared twice in {k.Block}");
                if (k.Toml is { } t && !byToml.TryAdd(t, k)) throw new InvalidOperationException($"bug: TOML key '{t}' is declared twice");
            }
            ByBlock = byBlock.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.Ordinal);
            ByToml = byToml.ToFrozenDictionary(StringComparer.Ordinal);
            AnyBlock = byBlock.Values.SelectMany(n => n.Keys).ToFrozenSet(StringComparer.Ordinal);
        }

        public FrozenSet<string> AnyBlock { get; }

        public ImmutableArray<Keyword> All { get; }
        public FrozenDictionary<string, FrozenDictionary<string, Keyword>> ByBlock { get; }
        public FrozenDictionary<string, Keyword> ByToml { get; }
    }

    private static Keyword Ignored(string block, string name, string reason) =>
        new() { Block = block, Name = name, Kind = ValueKind.Text, Status = KeywordStatus.Ignored, Reason = reason };

    private static Keyword NotActed(string block, string name, string reason, ValueKind kind = ValueKind.Text) =>
        new() { Block = block, Name = name, Kind = kind, Status = KeywordStatus.NotActed, Reason = reason };
}
