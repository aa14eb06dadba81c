namespace Appliance.Service.Hal;

/// <summary>Wires the board, the analog line and its call handler (after AddCallPath, whose router and coordinator it uses).</summary>
internal static class BoardServices
{
    public static IServiceCollection AddBoard(this IServiceCollection services)
    {
        services.AddSingleton<AnalogCallHandler>();
        services.AddSingleton<BoardHost>();
        services.AddHostedService(sp => sp.GetRequiredService<BoardHost>());
        return services;
    }

    public static void MapBoardApi(this IEndpointRouteBuilder routes)
    {
        routes.MapBoard();
        routes.MapTestMode();
    }
}
