package org.sttplatform.activities;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import javax.net.SocketFactory;
import okhttp3.Dns;

/**
 * Keeps media downloads away from private and local networks (server-side request forgery).
 *
 * <p>Blocked: any-local ({@code 0.0.0.0/8}, {@code ::}), loopback ({@code 127/8}, {@code ::1}),
 * link-local ({@code 169.254/16} with cloud metadata {@code 169.254.169.254}, {@code fe80::/10}),
 * private ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}, {@code fec0::/10}), carrier-grade
 * NAT {@code 100.64/10}, unique-local {@code fc00::/7}, multicast, reserved {@code 240/4} with the
 * broadcast address, IPv4-compatible {@code ::/96}, and the IPv4-mapped ({@code ::ffff:0:0/96}),
 * NAT64 ({@code 64:ff9b::/96}) and 6to4 ({@code 2002::/16}) forms of blocked IPv4 addresses.
 *
 * <p>Two checks apply to every request, redirects included: the {@link Dns} refuses a host name if
 * any of its addresses is blocked, and every socket refuses to connect to a blocked address just
 * before connecting (okhttp does not ask the {@code Dns} about IP-literal hosts, and a second
 * lookup may answer differently). Clients built by {@link #guard} use no proxy, which would
 * otherwise do the resolving and connecting on the fetcher's behalf.
 */
public final class NetworkGuard {

  private NetworkGuard() {}

  /** Whether downloads must not connect to {@code address}. */
  public static boolean isBlocked(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return blockedV4(b, 0);
    }
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()
        || (b[0] & 0xfe) == 0xfc) {
      return true;
    }
    if (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return blockedV4(b, 12); // ::ffff:a.b.c.d
    }
    if (zeros(b, 0, 12)) {
      return true; // ::a.b.c.d (deprecated), ::, ::1
    }
    if (b[0] == 0
        && b[1] == 0x64
        && (b[2] & 0xff) == 0xff
        && (b[3] & 0xff) == 0x9b
        && zeros(b, 4, 12)) {
      return blockedV4(b, 12); // NAT64 64:ff9b::a.b.c.d
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return blockedV4(b, 2); // 6to4 2002:aabb:ccdd::
    }
    return false;
  }

  private static boolean blockedV4(byte[] b, int at) {
    int a = b[at] & 0xff;
    int c = b[at + 1] & 0xff;
    return a == 0 // this network; 0.0.0.0 reaches the local host
        || a == 10
        || a == 127
        || (a == 100 && (c & 0xc0) == 64) // 100.64.0.0/10
        || (a == 169 && c == 254)
        || (a == 172 && (c & 0xf0) == 16) // 172.16.0.0/12
        || (a == 192 && c == 168)
        || a >= 224; // multicast, reserved 240/4, broadcast
  }

  private static boolean zeros(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The address of an IP-literal host, parsed without any lookup, as browsers and curl read it:
   * IPv4 in any of its forms ({@code 127.0.0.1}, {@code 2130706433}, {@code 127.1}, {@code 0x7f.1},
   * octal {@code 0177.0.0.1}, see {@link IpLiterals}), or IPv6 with or without brackets; {@code
   * null} for a host name. Callers pass the host as okhttp canonicalises it ({@code
   * HttpUrl.host()}, which has already turned {@code [::ffff:127.0.0.1]}, percent-encoding and
   * fullwidth digits into {@code 127.0.0.1}).
   */
  public static InetAddress literal(String host) {
    return IpLiterals.parse(host);
  }

  /**
   * {@code url} with an IPv4 literal host in its canonical dotted form ({@code http://0177.0.0.1/}
   * becomes {@code http://127.0.0.1/}), as browsers and curl rewrite it. okhttp sends hosts made of
   * digits and dots straight to Java's parser, which reads {@code 0177} as decimal 177, and asks
   * its {@code Dns} about the other forms: fetching the canonical URL makes the address connected
   * to the address {@link #literal} checked.
   */
  public static okhttp3.HttpUrl canonical(okhttp3.HttpUrl url) {
    InetAddress address = literal(url.host());
    if (address instanceof Inet4Address && !address.getHostAddress().equals(url.host())) {
      return url.newBuilder().host(address.getHostAddress()).build();
    }
    return url;
  }

  /** Whether {@code host} is an IP literal that downloads must not connect to. */
  public static boolean isBlockedLiteral(String host) {
    InetAddress address = literal(host);
    return address != null && isBlocked(address);
  }

  /**
   * The message of a refused download; {@code host} is the host as the URL names it, {@code
   * redirect} whether a redirect led there.
   */
  public static String message(String host, boolean redirect) {
    InetAddress address = literal(host);
    // Name the address a form such as 0x7f.1 stands for: it is what was refused.
    String shown =
        address instanceof Inet4Address && !address.getHostAddress().equals(host)
            ? host + " = " + address.getHostAddress()
            : host;
    return (redirect ? "The media URL redirects to" : "The media URL points to")
        + " a private or local network address ("
        + shown
        + "), which this server does not fetch from; an operator can allow it with "
        + CpuWorkerSettings.ALLOW_PRIVATE_NETWORKS
        + "=true";
  }

  /**
   * {@code client} guarded as the media downloads are: through the two checks, or, when {@code
   * allowPrivateNetworks}, only reading IPv4 literals as browsers do.
   */
  public static okhttp3.OkHttpClient guarded(
      okhttp3.OkHttpClient client, boolean allowPrivateNetworks) {
    return allowPrivateNetworks ? readingLiterals(client) : guard(client, NetworkGuard::isBlocked);
  }

  /**
   * The host a guarded client refused to connect to, if that is why {@code failure} happened; else
   * {@code null}.
   */
  public static String refusedHost(Throwable failure) {
    BlockedAddressException refusal = BlockedAddressException.in(failure);
    return refusal == null ? null : refusal.host();
  }

  /** {@code client} with the two checks and without a proxy. */
  static okhttp3.OkHttpClient guard(okhttp3.OkHttpClient client, Predicate<InetAddress> blocked) {
    return client
        .newBuilder()
        .proxy(java.net.Proxy.NO_PROXY)
        .dns(new GuardedDns(client.dns(), blocked))
        .socketFactory(new GuardedSocketFactory(blocked))
        .build();
  }

  /**
   * {@code client} reading IPv4 literals as {@link #literal} does, and nothing else changed: with
   * private networks allowed, {@code 0177.0.0.1} still reaches 127.0.0.1 as it would in a browser.
   */
  static okhttp3.OkHttpClient readingLiterals(okhttp3.OkHttpClient client) {
    return client.newBuilder().dns(new GuardedDns(client.dns(), a -> false)).build();
  }

  /** A connection the guard refused; {@link #host()} is the host as the request named it. */
  static final class BlockedAddressException extends UnknownHostException {
    private final String host;

    BlockedAddressException(String host) {
      super("refused: private or local network address for " + host);
      this.host = host;
    }

    String host() {
      return host;
    }

    /** The refusal in {@code e}, its causes or suppressed exceptions, else {@code null}. */
    static BlockedAddressException in(Throwable e) {
      for (int depth = 0; e != null && depth < 16; depth++, e = e.getCause()) {
        if (e instanceof BlockedAddressException blocked) {
          return blocked;
        }
        for (Throwable s : e.getSuppressed()) {
          BlockedAddressException found = in(s);
          if (found != null) {
            return found;
          }
        }
      }
      return null;
    }
  }

  /** Refuses a host name when any of its addresses is blocked (a mix is a rebinding trick). */
  static final class GuardedDns implements Dns {
    private final Dns delegate;
    private final Predicate<InetAddress> blocked;

    GuardedDns(Dns delegate, Predicate<InetAddress> blocked) {
      this.delegate = Objects.requireNonNull(delegate);
      this.blocked = Objects.requireNonNull(blocked);
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
      // okhttp asks about IPv4 literals it does not recognise (2130706433, 0x7f.1, 0177.0.0.1):
      // answer them as browsers read them rather than let the system resolver guess.
      InetAddress literal = literal(hostname);
      List<InetAddress> addresses = literal != null ? List.of(literal) : delegate.lookup(hostname);
      for (InetAddress address : addresses) {
        if (blocked.test(address)) {
          throw new BlockedAddressException(hostname);
        }
      }
      return addresses;
    }
  }

  /**
   * Plain sockets that refuse to connect to a blocked address (it replaces the client's socket
   * factory).
   */
  static final class GuardedSocketFactory extends SocketFactory {
    private final Predicate<InetAddress> blocked;

    GuardedSocketFactory(Predicate<InetAddress> blocked) {
      this.blocked = Objects.requireNonNull(blocked);
    }

    @Override
    public Socket createSocket() {
      return new GuardedSocket(blocked);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      Socket s = new GuardedSocket(blocked);
      s.bind(new InetSocketAddress(localHost, localPort));
      s.connect(new InetSocketAddress(host, port));
      return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int lport)
        throws IOException {
      Socket s = new GuardedSocket(blocked);
      s.bind(new InetSocketAddress(localAddress, lport));
      s.connect(new InetSocketAddress(address, port));
      return s;
    }

    private Socket connected(InetSocketAddress to) throws IOException {
      Socket s = new GuardedSocket(blocked);
      s.connect(to);
      return s;
    }
  }

  private static final class GuardedSocket extends Socket {
    private final Predicate<InetAddress> blocked;

    GuardedSocket(Predicate<InetAddress> blocked) {
      this.blocked = blocked;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (endpoint instanceof InetSocketAddress to) {
        InetAddress address = to.getAddress();
        if (address == null) {
          // Socket.connect would resolve it itself, past the Dns check.
          throw new UnknownHostException("unresolved address: " + to.getHostString());
        }
        if (blocked.test(address)) {
          throw new BlockedAddressException(to.getHostString());
        }
      }
      super.connect(endpoint, timeout);
    }
  }
}
