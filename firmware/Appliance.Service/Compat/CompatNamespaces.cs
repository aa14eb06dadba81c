// Program.cs maps each dialect with one line (app.MapXCompat()); these make those extensions visible there.
global using Appliance.Service.Compat.AgentPhone;
global using Appliance.Service.Compat.AgentConfig;
global using Appliance.Service.Compat.Vocode;
