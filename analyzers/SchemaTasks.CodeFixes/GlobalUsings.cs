// Roslyn components build with implicit usings off (netstandard2.0); these are the ones every fix needs.
global using System;
global using System.Collections.Generic;
global using System.Linq;
global using System.Threading;
global using System.Threading.Tasks;
