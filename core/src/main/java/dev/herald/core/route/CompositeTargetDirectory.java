package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.limit.Rate;
import dev.herald.core.rule.EventDocuments;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Joins the directories of several target kinds (webhooks, plugins) into one for the router. */
public final class CompositeTargetDirectory implements TargetDirectory {

  private final Map<String, TargetDirectory> byKind;

  /** Creates a directory that asks {@code byKind.get(kind)} about targets of that kind. */
  public CompositeTargetDirectory(Map<String, TargetDirectory> byKind) {
    this.byKind = Map.copyOf(requireNonNull(byKind, "byKind"));
  }

  @Override
  public List<TargetRef> subscribers(RoutedEvent event) {
    List<TargetRef> targets = new ArrayList<>();
    byKind.values().forEach(directory -> targets.addAll(directory.subscribers(event)));
    return targets;
  }

  @Override
  public Optional<EventDocuments> contentDocuments() {
    // Every directory renders with the server's one type registry: any of them will do.
    return byKind.values().stream()
        .map(TargetDirectory::contentDocuments)
        .flatMap(Optional::stream)
        .findFirst();
  }

  @Override
  public Collection<TargetRef> targets() {
    List<TargetRef> targets = new ArrayList<>();
    byKind.values().forEach(directory -> targets.addAll(directory.targets()));
    return targets;
  }

  @Override
  public Set<TargetRef> held() {
    Set<TargetRef> held = new HashSet<>();
    byKind.values().forEach(directory -> held.addAll(directory.held()));
    return held;
  }

  @Override
  public int maxInFlight(TargetRef target) {
    TargetDirectory directory = byKind.get(target.kind());
    return directory == null ? 1 : directory.maxInFlight(target);
  }

  @Override
  public Optional<Rate> rateLimit(TargetRef target) {
    TargetDirectory directory = byKind.get(target.kind());
    return directory == null ? Optional.empty() : directory.rateLimit(target);
  }

  @Override
  public Optional<Ordering> ordering(TargetRef target) {
    return of(target).flatMap(directory -> directory.ordering(target));
  }

  @Override
  public void targetGone(TargetRef target, String reason) {
    of(target).ifPresent(directory -> directory.targetGone(target, reason));
  }

  @Override
  public void targetDisabled(TargetRef target, String reason) {
    of(target).ifPresent(directory -> directory.targetDisabled(target, reason));
  }

  private Optional<TargetDirectory> of(TargetRef target) {
    return Optional.ofNullable(byKind.get(target.kind()));
  }
}
