package dev.herald.bench;

/** One benchmark: Herald and its raw baseline, measured under the same conditions. */
interface Scenario {

  /** Returns the name that selects this scenario on the command line. */
  String name();

  /** Runs the scenario, warm-up included, and returns its figures. */
  Findings run(Bench bench) throws Exception;
}
