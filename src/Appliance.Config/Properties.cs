using System.Runtime.CompilerServices;

// The tests check internal keyword tables against the every-option fixture.
[assembly: InternalsVisibleTo("Appliance.Config.Tests")]
