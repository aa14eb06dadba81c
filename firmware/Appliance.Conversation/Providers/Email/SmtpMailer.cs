using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Appliance.Conversation.Providers.Email;

/// <summary>Sends plain-text e-mail through one SMTP server (MailKit), within the server's deadline.</summary>
public sealed class SmtpMailer(SmtpServer server, TimeProvider time)
{
    public SmtpServer Server => server;

    /// <exception cref="TimeoutException">The server did not take the message in time.</exception>
    /// <exception cref="IOException">Connection, TLS, authentication or protocol failure (MailKit's own exceptions wrapped).</exception>
    public async Task SendAsync(IReadOnlyList<string> to, string subject, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(server.FromAddress));
        foreach (var address in to)
        {
            message.To.Add(MailboxAddress.Parse(address));
        }
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };

        using var deadline = new CancellationTokenSource(server.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        using var client = new SmtpClient();
        try
        {
            var (port, security) = Security(server);
            await client.ConnectAsync(server.Host, port, security, linked.Token).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(server.Username))
            {
                await client.AuthenticateAsync(server.Username, server.Password ?? "", linked.Token).ConfigureAwait(false);
            }
            await client.SendAsync(message, linked.Token).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"SMTP server {server.Host} did not answer within {server.Timeout.TotalSeconds:0} s.", e);
        }
        catch (Exception e) when (e is MailKit.ProtocolException or MailKit.CommandException or AuthenticationException or System.Net.Sockets.SocketException
            or System.Security.Authentication.AuthenticationException or ParseException)
        {
            throw new IOException($"SMTP server {server.Host}: {e.GetType().Name}: {e.Message}", e);
        }
    }

    // The connection's transport field is shared with SIP: "tls" means TLS on connect; anything
    // else upgrades with STARTTLS when the server offers it.
    private static (int Port, SecureSocketOptions Security) Security(SmtpServer server) =>
        string.Equals(server.Transport, "tls", StringComparison.OrdinalIgnoreCase)
            ? (server.Port ?? 465, SecureSocketOptions.SslOnConnect)
            : (server.Port ?? 587, SecureSocketOptions.StartTlsWhenAvailable);
}
