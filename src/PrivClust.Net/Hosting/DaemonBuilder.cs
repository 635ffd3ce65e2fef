using Microsoft.AspNetCore.Builder;

namespace PrivClust.Net.Hosting;

/// <summary>
/// The web application builder of a daemon (party, dealer, the bench's echo server). Its default JSON sources
/// (appsettings*.json in the working directory) are read once at start instead of watched: the watcher follows the
/// whole working-directory tree, so a daemon writing checkpoints and results below it spent CPU on every file event
/// (~2 % of party b's samples during blobs-1e5 jobs in `privclust bench`, whose daemons work under one temporary
/// folder). Options are validated once at start anyway; a change of configuration takes a restart.
/// </summary>
public static class DaemonBuilder
{
    public static WebApplicationBuilder Create(string[] args) =>
        WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"] });
}
