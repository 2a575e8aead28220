using Reminders.Api.Hosting;
using Reminders.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRemindersSilo();
builder.AddRemindersApi();

var app = builder.Build();
app.MapRemindersApi();
app.Run();

/// <summary>The API host's entry point, public for functional tests.</summary>
public partial class Program;
