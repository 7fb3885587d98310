using System.Net;
using P2PSim.LoadGen.Engine;

namespace P2PSim.LoadGen.Scenarios;

/// <summary>
/// A scenario whose clients each keep one <see cref="PipelinedConnection"/> with a number of requests in flight:
/// an iteration is one cycle of that connection, and every reply it takes is one operation of step
/// <c>step</c>. A connection that fails counts one failure and is replaced on the next iteration.
/// </summary>
internal static class PipelinedScenario
{
    public static Scenario Create(
        string name, string description, string step, IPEndPoint server, int depth, Func<ScenarioContext, PipelinedConnection> connect) => new(
        name,
        description,
        async (context, cancellationToken) =>
        {
            var recorder = context.Recorder(step);
            var connection = context.State as PipelinedConnection;
            try
            {
                if (connection is null)
                {
                    connection = connect(context);
                    context.State = connection;
                    await connection.OpenAsync(server, depth, cancellationToken);
                }

                await connection.CycleAsync(recorder);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                recorder.RecordFailure(e.GetType().Name);
                connection?.Dispose();
                context.State = null;
            }
        });
}
