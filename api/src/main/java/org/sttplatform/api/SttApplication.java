package org.sttplatform.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The service: REST API, task store and, by default, embedded Temporal and both workers. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SttApplication {
  public static void main(String[] args) {
    SpringApplication.run(SttApplication.class, args);
  }
}
