package org.sttplatform.api.store;

/** The create and query contract on MariaDB, in a throw-away schema. */
class JdbcTaskStoreCreateAndQueryMariaDbTest extends AbstractJdbcTaskStoreCreateAndQueryTest {

  @Override
  TaskStoreDatabase newDatabase() {
    return TaskStoreDatabase.mariaDb();
  }
}
