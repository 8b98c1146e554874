package dev.herald.host;

import dev.herald.host.cli.HeraldCommand;

/** The {@code herald} command line: {@code serve} and {@code publish}. */
public final class HeraldMain {

  private HeraldMain() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    System.exit(HeraldCommand.commandLine().execute(args));
  }
}
