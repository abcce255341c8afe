Console.Error.WriteLine("modesharp: commands arrive with the main-job issue.");
return 2;
