using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Appliance.Board.Profiles;

/// <summary>Source-generated Tomlyn metadata for the untyped model, so reading a profile needs no
/// reflection under native AOT. The reader walks the table itself to report unknown keys.</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class BoardTomlContext : TomlSerializerContext;
