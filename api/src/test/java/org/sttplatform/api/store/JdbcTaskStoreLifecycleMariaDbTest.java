package org.sttplatform.api.store;

/** The lifecycle contract on MariaDB, in a throw-away schema. */
class JdbcTaskStoreLifecycleMariaDbTest extends AbstractJdbcTaskStoreLifecycleTest {

  @Override
  TaskStoreDatabase newDatabase() {
    return TaskStoreDatabase.mariaDb();
  }
}
