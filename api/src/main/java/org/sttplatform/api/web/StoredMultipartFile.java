package org.sttplatform.api.web;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.web.multipart.MultipartFile;

/**
 * A file part {@link MultipartReader} wrote to the staging directory. {@link #transferTo} moves it
 * (a rename on the same file system); what is not moved is deleted when the request ends.
 */
final class StoredMultipartFile implements MultipartFile {
  private final MultipartReader.FilePart part;

  StoredMultipartFile(MultipartReader.FilePart part) {
    this.part = part;
  }

  /** Where the part's bytes are until they are moved. */
  Path path() {
    return part.file();
  }

  @Override
  public String getName() {
    return part.name();
  }

  @Override
  public String getOriginalFilename() {
    return part.fileName();
  }

  @Override
  public String getContentType() {
    return part.contentType();
  }

  @Override
  public boolean isEmpty() {
    return part.size() == 0;
  }

  @Override
  public long getSize() {
    return part.size();
  }

  @Override
  public byte[] getBytes() throws IOException {
    return Files.readAllBytes(part.file());
  }

  @Override
  public InputStream getInputStream() throws IOException {
    return Files.newInputStream(part.file());
  }

  @Override
  public void transferTo(File dest) throws IOException {
    transferTo(dest.toPath());
  }

  @Override
  public void transferTo(Path dest) throws IOException {
    if (!Files.exists(part.file())) {
      throw new IllegalStateException("The uploaded file has already been moved");
    }
    Files.move(part.file(), dest, StandardCopyOption.REPLACE_EXISTING);
  }
}
