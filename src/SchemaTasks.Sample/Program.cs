Console.WriteLine("SchemaTasks sample: not yet written.");
