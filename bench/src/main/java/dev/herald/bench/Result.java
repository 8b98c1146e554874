package dev.herald.bench;

import static java.util.Objects.requireNonNull;

/**
 * One figure of a run: Herald's value, the raw baseline measured in the same run, and their ratio
 * (value / baseline). A pending figure has no numbers, only a note saying what it waits for.
 *
 * @param name stable key, compared across runs in {@code results.json}
 * @param title what the figure is, for the report
 * @param value Herald's figure, or null when pending
 * @param baseline the raw building block's figure, or null when there is none
 * @param baselineTitle what the baseline is
 */
record Result(
    String name,
    String title,
    Double value,
    String unit,
    Double baseline,
    String baselineTitle,
    Target target,
    String note) {

  Result {
    requireNonNull(name, "name");
    requireNonNull(title, "title");
    requireNonNull(unit, "unit");
    requireNonNull(baselineTitle, "baselineTitle");
    requireNonNull(target, "target");
    requireNonNull(note, "note");
  }

  /** Returns a figure measured against a baseline. */
  static Result ratio(
      String name,
      String title,
      double value,
      String unit,
      double baseline,
      String baselineTitle,
      Target target) {
    return new Result(name, title, value, unit, baseline, baselineTitle, target, "");
  }

  /** Returns a figure with no baseline. */
  static Result plain(String name, String title, double value, String unit, String note) {
    return new Result(name, title, value, unit, null, "", Target.NONE, note);
  }

  /** Returns a row that has no numbers yet. */
  static Result pending(String name, String title, String note) {
    return new Result(name, title, null, "", null, "", Target.NONE, note);
  }

  /** Returns value / baseline, or null when either is missing. */
  Double ratio() {
    return value == null || baseline == null || baseline == 0 ? null : value / baseline;
  }

  /** Returns "met", "missed" or "" when there is no goal. */
  String verdict() {
    Double ratio = ratio();
    if (!target.exists() || ratio == null) {
      return "";
    }
    return target.metBy(ratio) ? "met" : "missed";
  }
}
