using BlueGreen.Ramp;

return await RampCli.InvokeAsync(args, RampServices.CreateDefault(Environment.CurrentDirectory));
