package dev.herald.sample.identity;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.annotation.JacksonRequestConverterFunction;
import com.linecorp.armeria.server.annotation.JacksonResponseConverterFunction;
import dev.herald.core.store.Database;
import dev.herald.core.store.PostgresDatabase;
import dev.herald.core.store.SqliteDatabase;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * The sample identity service: users, groups and roles in their own tables beside Herald's outbox
 * in one SQLite file or PostgreSQL database, changed over REST on 127.0.0.1; each change and its
 * event commit together.
 */
public final class IdentityService implements AutoCloseable {

  private static final ObjectMapper JSON =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  private final Database database;
  private final Server server;

  private IdentityService(Database database, Server server) {
    this.database = database;
    this.server = server;
  }

  /** Opens (creating) the database, brings both schemas up to date and starts serving. */
  public static IdentityService start(
      IdentitySettings settings, Clock clock, RandomGenerator random) {
    requireNonNull(settings, "settings");
    Database database = open(settings);
    try {
      IdentityChanges changes =
          new IdentityChanges(database, clock, random, settings.realm(), settings.source());
      ServerBuilder builder =
          Server.builder().http(new InetSocketAddress("127.0.0.1", settings.port()));
      configureServices(builder, changes);
      Server server = builder.build();
      server.start().join();
      return new IdentityService(database, server);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /**
   * Opens the database, Herald's schema first (the outbox), then brings the sample's own tables
   * beside it up to date.
   */
  static Database open(IdentitySettings settings) {
    Database database =
        settings
            .postgres()
            .<Database>map(PostgresDatabase::open)
            .orElseGet(() -> SqliteDatabase.open(settings.database()));
    try {
      settings
          .postgres()
          .ifPresentOrElse(
              IdentitySchema::migrate, () -> IdentitySchema.migrate(settings.database()));
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** Adds the REST API to {@code builder}. */
  static void configureServices(ServerBuilder builder, IdentityChanges changes) {
    annotated(builder, "/", new UserApi(changes));
    annotated(
        builder,
        "/users",
        new RoleGrantApi(changes, Users::find, LinkTable.USER_ROLES, RoleGrantEvents.USER));
    annotated(builder, "/groups", new NamedApi(changes, NamedTable.GROUPS, NamedEvents.GROUP));
    annotated(builder, "/", new GroupApi(changes));
    annotated(
        builder,
        "/groups",
        new RoleGrantApi(
            changes, NamedTable.GROUPS::find, LinkTable.GROUP_ROLES, RoleGrantEvents.GROUP));
    annotated(builder, "/roles", new NamedApi(changes, NamedTable.ROLES, NamedEvents.ROLE));
    annotated(builder, "/", new RoleApi(changes));
  }

  private static void annotated(ServerBuilder builder, String prefix, Object service) {
    builder
        .annotatedService()
        .pathPrefix(prefix)
        .requestConverters(new JacksonRequestConverterFunction(JSON))
        .responseConverters(new JacksonResponseConverterFunction(JSON))
        .exceptionHandlers(new ApiErrors())
        .build(service);
  }

  /** Returns the port the service listens on, on 127.0.0.1. */
  public int port() {
    return server.activeLocalPort();
  }

  /** Blocks until the service is closed. */
  public void awaitClosed() {
    server.whenClosed().join();
  }

  /** Stops serving and closes the database. */
  @Override
  public void close() {
    server.stop().join();
    database.close();
  }
}
