using Reminders.Benchmarks;
using Reminders.Benchmarks.Peers;

// `peer ...` hosts one peer scheduler in this process; anything else runs the harness.
return args.Length > 0 && args[0] == "peer"
    ? await PeerHost.RunAsync(args)
    : await Harness.RunAsync(args);
