namespace GuaGou.Web.Hosting;

/// <summary>
/// The circuit's SignalR endpoint (<c>/_blazor</c>) accepts connections from our own pages only. A browser always
/// sends <c>Origin</c> on the negotiate POST and on the WebSocket upgrade, which are what open a circuit; both must name
/// this site (another site's page would carry the user's cookie). A GET without <c>Origin</c> (the browser's own
/// same-origin fetch of the initializers) passes; one naming another site does not. Compared by host and port, so a
/// TLS-terminating proxy in front does not matter.
/// </summary>
public static class SameOriginCircuits
{
    public const string HubPath = "/_blazor";

    public static IApplicationBuilder UseSameOriginCircuits(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(HubPath) && !IsAllowed(context))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }

            return next(context);
        });

    private static bool IsAllowed(HttpContext context)
    {
        var request = context.Request;
        var opensConnection = HttpMethods.IsPost(request.Method) || context.WebSockets.IsWebSocketRequest;
        return request.Headers.Origin.Count == 0 ? !opensConnection : IsSameOrigin(request);
    }

    public static bool IsSameOrigin(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.Origin.ToString() is { Length: > 0 } origin
            && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
