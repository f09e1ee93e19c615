package dev.autoremediate.remediator.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Bad input to the API is a 400 with a reason, never a 500. */
@RestControllerAdvice(basePackages = "dev.autoremediate.remediator.api")
class ApiErrors {

    @ExceptionHandler({IllegalArgumentException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class})
    ProblemDetail badRequest(Exception e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    static ProblemDetail notFound(String what) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, what + " not found");
    }
}
