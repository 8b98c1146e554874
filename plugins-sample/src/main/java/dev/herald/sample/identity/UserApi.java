package dev.herald.sample.identity;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Default;
import com.linecorp.armeria.server.annotation.Delete;
import com.linecorp.armeria.server.annotation.Get;
import com.linecorp.armeria.server.annotation.Param;
import com.linecorp.armeria.server.annotation.Patch;
import com.linecorp.armeria.server.annotation.Post;
import com.linecorp.armeria.server.annotation.ProducesJson;
import com.linecorp.armeria.server.annotation.StatusCode;
import dev.herald.core.emit.EventContext;
import dev.herald.core.identity.IdentityEvents;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.identity.v1.UserDeleted;
import dev.herald.proto.identity.v1.UserDisabled;
import dev.herald.proto.identity.v1.UserEmailVerified;
import dev.herald.proto.identity.v1.UserEnabled;
import java.util.function.UnaryOperator;

/**
 * {@code /users}: create, read, change, disable, enable, verify and delete users; every change
 * emits its {@code user.*} event in the same transaction.
 */
@Blocking
@ProducesJson
final class UserApi {

  private final IdentityChanges changes;

  UserApi(IdentityChanges changes) {
    this.changes = requireNonNull(changes, "changes");
  }

  /** Creates a user, enabled, and emits {@code user.created}. */
  @Post("/users")
  @StatusCode(201)
  public UserView create(ServiceRequestContext request, Requests.NewUser body) {
    EventContext context = RequestOrigin.of(request, changes);
    UserView user =
        new UserView(
            changes.newId(),
            FieldRules.identifier("username", body.username()),
            FieldRules.email("email", body.email()),
            false,
            FieldRules.text("display_name", body.displayName()),
            true);
    return changes.run(
        (tx, events) -> {
          Users.insert(tx, user, changes.now());
          events.userCreated(context, user.created());
          return user;
        });
  }

  /** Returns a user. */
  @Get("/users/{id}")
  public UserView get(@Param("id") String id) {
    return changes.read(ctx -> Users.find(ctx, id));
  }

  /** Changes a user's profile and emits {@code user.updated} with the fields that changed. */
  @Patch("/users/{id}")
  public UserView update(
      ServiceRequestContext request, @Param("id") String id, Requests.UserChanges body) {
    return change(
        request,
        id,
        body::applyTo,
        (events, context, before, after) -> events.userUpdated(context, after.updateFrom(before)));
  }

  /** Deletes a user and emits {@code user.deleted}. */
  @Delete("/users/{id}")
  public void delete(ServiceRequestContext request, @Param("id") String id) {
    EventContext context = RequestOrigin.of(request, changes);
    changes.run(
        (tx, events) -> {
          UserView user = Users.find(tx, id);
          Users.delete(tx, id);
          return events.userDeleted(
              context, UserDeleted.newBuilder().setUserId(id).setUsername(user.username()).build());
        });
  }

  /** Disables an enabled user and emits {@code user.disabled}; a disabled one stays as it is. */
  @Post("/users/{id}/disable")
  public UserView disable(
      ServiceRequestContext request,
      @Param("id") String id,
      @Param("reason") @Default("") String reason) {
    String why = FieldRules.text("reason", reason);
    return change(
        request,
        id,
        user -> user.withEnabled(false),
        (events, context, before, after) ->
            events.userDisabled(
                context, UserDisabled.newBuilder().setUserId(id).setReason(why).build()));
  }

  /** Enables a disabled user and emits {@code user.enabled}; an enabled one stays as it is. */
  @Post("/users/{id}/enable")
  public UserView enable(ServiceRequestContext request, @Param("id") String id) {
    return change(
        request,
        id,
        user -> user.withEnabled(true),
        (events, context, before, after) ->
            events.userEnabled(context, UserEnabled.newBuilder().setUserId(id).build()));
  }

  /** Marks a user's e-mail address verified and emits {@code user.email_verified}. */
  @Post("/users/{id}/email/verify")
  public UserView verifyEmail(ServiceRequestContext request, @Param("id") String id) {
    return change(
        request,
        id,
        user -> {
          if (user.email().isEmpty()) {
            throw new IllegalArgumentException("email: empty (expected: an address to verify)");
          }
          return user.withEmailVerified();
        },
        (events, context, before, after) ->
            events.userEmailVerified(
                context,
                UserEmailVerified.newBuilder().setUserId(id).setEmail(after.email()).build()));
  }

  /** Emits the event of a change to a stored user. */
  @FunctionalInterface
  private interface UserEvent {
    void emit(
        IdentityEvents<EventEnvelope> events,
        EventContext context,
        UserView before,
        UserView after);
  }

  /**
   * Returns the stored user after {@code change}, saving it and emitting {@code event} in one
   * transaction when the change changed it.
   */
  private UserView change(
      ServiceRequestContext request, String id, UnaryOperator<UserView> change, UserEvent event) {
    EventContext context = RequestOrigin.of(request, changes);
    return changes.run(
        (tx, events) -> {
          UserView before = Users.find(tx, id);
          UserView after = change.apply(before);
          if (!after.equals(before)) {
            Users.save(tx, after, changes.now());
            event.emit(events, context, before, after);
          }
          return after;
        });
  }
}
