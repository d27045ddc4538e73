using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace HevLayer.Cli.Watch;

/// <summary>Where one pass's time goes, step by step (printed with --timings).</summary>
internal sealed class PassClock
{
    private readonly List<(string Step, double Milliseconds)> steps = new();
    private readonly Stopwatch clock = new();

    /// <summary>The steps so far, a copy.</summary>
    public IReadOnlyList<(string Step, double Milliseconds)> Steps => steps.ToList();

    /// <summary>Starts a pass, unless one is running (a save that turns into a whole-project pass keeps its steps).</summary>
    public void Start()
    {
        if (!clock.IsRunning)
        {
            steps.Clear();
            clock.Restart();
        }
    }

    /// <summary>Ends the step <paramref name="name"/> and starts the next.</summary>
    public void Step(string name)
    {
        steps.Add((name, clock.Elapsed.TotalMilliseconds));
        clock.Restart();
    }

    /// <summary>Ends the pass.</summary>
    public void Stop() => clock.Stop();
}
