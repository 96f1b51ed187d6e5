package org.sttplatform.api.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code GET /} sends browsers to the Swagger UI (the seed served it at {@code /}). */
@Controller
@Hidden
public class DocsController {
  @GetMapping("/")
  public String root() {
    return "redirect:/docs";
  }
}
