package org.sttplatform.activities;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads IP-literal hosts the way browsers (the WHATWG URL standard), curl and the C library's
 * {@code inet_aton} do, without any lookup. An IPv4 host has one to four dot-separated parts, each
 * decimal, octal (leading {@code 0}) or hex ({@code 0x}); the last part fills the remaining bytes,
 * so {@code 2130706433}, {@code 127.1}, {@code 0x7f.1} and {@code 0177.0.0.1} all mean 127.0.0.1.
 *
 * <p>Java's {@code InetAddress} reads some of these differently ({@code 0177.0.0.1} as 177.0.0.1)
 * and refuses others ({@code 0x7f.1}), and okhttp keeps such hosts as written and hands them to its
 * {@code Dns}: the guard's {@code Dns} answers them with this reading, so the address checked is
 * the address connected to.
 */
final class IpLiterals {
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  /** Longer parts would overflow; no valid part has more than 32 digits (octal, zero-padded). */
  private static final int MAX_PART_LENGTH = 32;

  private IpLiterals() {}

  /**
   * The address of {@code host} if it is an IP literal (IPv6 with or without brackets), else null.
   */
  static InetAddress parse(String host) {
    if (host == null) {
      return null;
    }
    String h = host.strip();
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.indexOf(':') >= 0) {
      return ipv6(h);
    }
    byte[] bytes = ipv4(h.toLowerCase(Locale.ROOT));
    if (bytes == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null; // not reached: four bytes are always an address
    }
  }

  private static InetAddress ipv6(String h) {
    if (!IPV6.matcher(h).matches()) {
      return null;
    }
    try {
      // A string with ':' is parsed as an IPv6 literal, never looked up.
      return InetAddress.getByName(h);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static byte[] ipv4(String h) {
    if (h.endsWith(".") && h.length() > 1) {
      h = h.substring(0, h.length() - 1); // a fully qualified literal: one trailing dot
    }
    String[] parts = h.split("\\.", -1);
    if (parts.length > 4) {
      return null;
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      values[i] = part(parts[i]);
      if (values[i] < 0) {
        return null;
      }
    }
    int last = parts.length - 1;
    for (int i = 0; i < last; i++) {
      if (values[i] > 255) {
        return null;
      }
    }
    // The last part fills the bytes the others left: 4 - last of them.
    if (values[last] >= 1L << (8 * (4 - last))) {
      return null;
    }
    long address = values[last];
    for (int i = 0; i < last; i++) {
      address |= values[i] << (8 * (3 - i));
    }
    return new byte[] {
      (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address
    };
  }

  /** A part's value, or -1 if it is not a number in one of the three notations. */
  private static long part(String p) {
    int radix = 10;
    String digits = p;
    if (p.startsWith("0x")) {
      radix = 16;
      digits = p.substring(2);
      if (digits.isEmpty()) {
        return 0; // "0x" alone is zero to the WHATWG parser
      }
    } else if (p.length() > 1 && p.startsWith("0")) {
      radix = 8;
      digits = p.substring(1);
    }
    if (digits.isEmpty() || digits.length() > MAX_PART_LENGTH) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = Character.digit(digits.charAt(i), radix);
      // Character.digit also takes non-ASCII digits; URL hosts are ASCII by now, but be sure.
      if (d < 0 || digits.charAt(i) > 'f') {
        return -1;
      }
      value = value * radix + d;
      if (value > 0xFFFF_FFFFL) {
        return -1;
      }
    }
    return value;
  }
}
