package dev.herald.sample.identity;

/** The JSON bodies the REST API accepts; field names are snake_case, e.g. {@code display_name}. */
final class Requests {

  private Requests() {}

  /** {@code POST /users}: a new user; {@code username} is required. */
  record NewUser(String username, String email, String displayName) {}

  /** {@code PATCH /users/{id}}: the fields to change; a missing or null field stays as it is. */
  record UserChanges(String username, String email, String displayName) {

    /** Returns {@code user} with these changes applied; a new e-mail address is unverified. */
    UserView applyTo(UserView user) {
      String newEmail = email == null ? user.email() : FieldRules.email("email", email);
      return new UserView(
          user.id(),
          username == null ? user.username() : FieldRules.identifier("username", username),
          newEmail,
          user.emailVerified() && newEmail.equals(user.email()),
          displayName == null ? user.displayName() : FieldRules.text("display_name", displayName),
          user.enabled());
    }
  }

  /**
   * {@code POST /groups}, {@code POST /roles}: a name (required) and a description; {@code PATCH}
   * of a group or role: the fields to change, a missing or null one stays as it is.
   */
  record NamedFields(String name, String description) {

    /** Returns a new group or role with these fields. */
    NamedView create(String id) {
      return new NamedView(
          id, FieldRules.name("name", name), FieldRules.text("description", description));
    }

    /** Returns {@code row} with these changes applied. */
    NamedView applyTo(NamedView row) {
      return new NamedView(
          row.id(),
          name == null ? row.name() : FieldRules.name("name", name),
          description == null ? row.description() : FieldRules.text("description", description));
    }
  }

  /** {@code POST /groups/{id}/members}: the user who joins. */
  record UserRef(String userId) {}

  /** {@code POST /users/{id}/roles}, {@code POST /groups/{id}/roles}: the role granted. */
  record RoleRef(String roleId) {}

  /** {@code POST /roles/{id}/permissions}: the permission added, e.g. {@code invoices:read}. */
  record PermissionRef(String permission) {}
}
