package org.sttplatform.api.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sttplatform.storage.FileStore;
import org.sttplatform.storage.LocalFileStore;

/** The file store on the data directory ({@code STT_DATA_DIR}), as the workers have it. */
@Configuration(proxyBeanMethods = false)
class FileStoreConfig {

  @Bean
  FileStore fileStore(SttProperties properties) {
    return new LocalFileStore(properties.dataDir());
  }
}
