package dev.herald.sample.identity;

import dev.herald.proto.identity.v1.UserCreated;
import dev.herald.proto.identity.v1.UserUpdated;

/** A user as the API shows it (snake_case JSON) and as its row holds it. */
record UserView(
    String id,
    String username,
    String email,
    boolean emailVerified,
    String displayName,
    boolean enabled) {

  /** Returns the {@code user.created} payload describing this user. */
  UserCreated created() {
    return UserCreated.newBuilder()
        .setUserId(id)
        .setUsername(username)
        .setEmail(email)
        .setDisplayName(displayName)
        .setEnabled(enabled)
        .setEmailVerified(emailVerified)
        .build();
  }

  /**
   * Returns the {@code user.updated} payload of the profile fields that differ from {@code before}.
   */
  UserUpdated updateFrom(UserView before) {
    UserUpdated.Builder update = UserUpdated.newBuilder().setUserId(id);
    if (!username.equals(before.username)) {
      update.setUsername(username);
    }
    if (!email.equals(before.email)) {
      update.setEmail(email);
    }
    if (!displayName.equals(before.displayName)) {
      update.setDisplayName(displayName);
    }
    return update.build();
  }

  /** Returns this user enabled or disabled. */
  UserView withEnabled(boolean enabled) {
    return new UserView(id, username, email, emailVerified, displayName, enabled);
  }

  /** Returns this user with the e-mail address verified. */
  UserView withEmailVerified() {
    return new UserView(id, username, email, true, displayName, enabled);
  }
}
