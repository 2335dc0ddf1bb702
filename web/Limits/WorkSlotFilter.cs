namespace Retrieval.Web.Limits;

/// <summary>Runs the endpoint in one of the <see cref="WorkSlots"/>, or refuses it (503) when none comes free in the queue.</summary>
internal sealed class WorkSlotFilter(WorkSlots slots) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        using var lease = await slots.AcquireAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
        return lease.IsAcquired ? await next(context).ConfigureAwait(false) : slots.Refusal(context.HttpContext);
    }
}
