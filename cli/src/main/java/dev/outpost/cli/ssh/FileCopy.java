package dev.outpost.cli.ssh;

import dev.outpost.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.scp.client.ScpClient;
import org.apache.sshd.scp.client.ScpClientCreator;
import org.apache.sshd.scp.common.ScpException;

/**
 * One {@code outpost scp}: local files to a node's path, or a node's path to a local one, with
 * the SCP protocol as OpenSSH's {@code scp -O} speaks it (the node runs its own {@code scp}).
 *
 * @param upload whether the local side is the source
 * @param local the local file or directory
 * @param remote the path on the node
 * @param recursive copy directories whole ({@code -r})
 */
public record FileCopy(boolean upload, Path local, String remote, boolean recursive) {

  int run(ClientSession session) throws IOException, CliException {
    ScpClient scp = ScpClientCreator.instance().createScpClient(session);
    List<ScpClient.Option> options = new ArrayList<>(List.of(ScpClient.Option.PreserveAttributes));
    if (recursive) {
      options.add(ScpClient.Option.Recursive);
    }
    if (upload && Files.isDirectory(local) && !recursive) {
      throw CliException.usage(local + " is a directory (use -r)");
    }
    try {
      if (upload) {
        scp.upload(local, remote, options);
      } else {
        scp.download(remote, local, options);
      }
    } catch (ScpException e) {
      throw CliException.failure("scp: " + e.getMessage(), e);
    }
    return 0;
  }
}
