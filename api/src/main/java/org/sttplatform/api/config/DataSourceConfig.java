package org.sttplatform.api.config;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The task database pool, built like Spring Boot's own Hikari pool ({@code spring.datasource.*},
 * then {@code spring.datasource.hikari.*}), plus the SQLite defaults of {@link SqliteSupport} when
 * the URL is a SQLite one: the database directory is created before Flyway connects, WAL, busy
 * timeout, immediate transactions and a small pool. Any {@code spring.datasource.hikari.*} setting
 * overrides these defaults. MySQL/MariaDB URLs get a plain Hikari pool.
 */
@Configuration(proxyBeanMethods = false)
public class DataSourceConfig {

  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(DataSourceProperties properties) {
    HikariDataSource dataSource =
        properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    if (StringUtils.hasText(properties.getName())) {
      dataSource.setPoolName(properties.getName());
    }
    if (SqliteSupport.isSqlite(dataSource.getJdbcUrl())) {
      SqliteSupport.configure(dataSource);
    }
    return dataSource;
  }
}
