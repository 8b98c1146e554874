package dev.herald.host.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the {@code herald} command line in this JVM: its exit status and what it printed. */
record CommandRun(int status, String out, String err) {

  /** Runs {@code herald <args>}. */
  static CommandRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        HeraldCommand.commandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new CommandRun(status, out.toString(), err.toString());
  }
}
