package org.sttplatform.api.store;

/** The lifecycle contract on a SQLite file with the production settings. */
class JdbcTaskStoreLifecycleSqliteTest extends AbstractJdbcTaskStoreLifecycleTest {

  @Override
  TaskStoreDatabase newDatabase() {
    return TaskStoreDatabase.sqlite();
  }
}
