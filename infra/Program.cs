using BlueGreen.Stacks;
using Pulumi;

// Run by `pulumi up` / `pulumi preview` with the official SDK. The offline SDK refuses to deploy
// and points to `ramp preview` instead.
return await Deployment.RunAsync<BlueGreenStack>();
