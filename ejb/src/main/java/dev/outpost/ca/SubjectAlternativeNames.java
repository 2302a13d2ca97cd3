package dev.outpost.ca;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** Builds and reads the SAN extension: IP literals as IP addresses, everything else as DNS. */
final class SubjectAlternativeNames {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private SubjectAlternativeNames() {}

  static GeneralNames of(Iterable<String> names) {
    List<GeneralName> entries = new ArrayList<>();
    for (String name : names) {
      entries.add(new GeneralName(isIpLiteral(name) ? GeneralName.iPAddress : GeneralName.dNSName,
          name));
    }
    return new GeneralNames(entries.toArray(GeneralName[]::new));
  }

  static boolean isIpLiteral(String name) {
    return IPV4.matcher(name).matches() || name.contains(":");
  }
}
