/*
 * Financial Cents OAuth
 * Hand-written contract for Financial Cents' OAuth endpoints: `GET /oauth/authorize` (browser redirect to the consent page; the callback carries `code` and `state`) and `POST /oauth/token` (grants `authorization_code` and `refresh_token`). Access tokens are then sent to the API as `Authorization: Bearer ACCESS_TOKEN`.  Source document: the Postman documenter page \"API Reference\" (published 2023-10-27, https://documenter-api.postman.tech/view/17010261/2s9Y5bQ1UV; seed `financial-cents.postman-documenter.json`): the collection description (authorize parameters, callback, token exchange, refresh, response fields) and the \"Production\" environment (`base_url`, `client_id` 7956, an example `access_token`).  No revoke endpoint is documented by Financial Cents, so none is modelled here (Laravel Passport itself has no RFC 7009 revocation endpoint; tokens are revoked inside the application).  Servers: the OAuth endpoints live at the application root, `https://app.financial-cents.com/oauth/...` (the document's own URLs), while the Production environment's `base_url` for the REST API is `https://app.financial-cents.com/api/v1`. The only server here is therefore the root; the API base is recorded on it as `x-api-base-url` for the API clients that will use the tokens. Putting `/api/v1` in the server URL would send token requests to `/api/v1/oauth/token`, which the document never uses. No sandbox is documented.  The wording, example values (`http://third-party-app.com/callback`, `RANDOM_STRING`, the commented `prompt` line) and response fields match Laravel Passport's documentation: the server is Laravel Passport on league/oauth2-server, and where the document is silent this contract follows Passport.  Doubts:  - Doubt: how the token request carries its fields. The document builds a query string for the   authorization-code exchange with no `&` between the fields (a doc bug: as written it is one   parameter) and calls the refresh fields \"query parameters\". Source: seed collection description;   Laravel Passport docs (https://laravel.com/docs/passport, \"Converting Authorization Codes to Access   Tokens\" and \"Refreshing Tokens\": `Http::asForm()->post('.../oauth/token', [...])`, i.e. form fields),   league/oauth2-server reads `getParsedBody()`. Modelled as: `application/x-www-form-urlencoded` body   fields, not query parameters. - Doubt: PKCE. Financial Cents does not mention it; Passport supports the authorization code grant   with PKCE (`code_challenge`, `code_challenge_method` S256 or plain on /oauth/authorize, `code_verifier`   on /oauth/token), required for public (secret-less) clients and honoured for confidential ones.   Source: https://laravel.com/docs/passport \"Authorization Code Grant With PKCE\";   thephpleague/oauth2-server src/Grant/AuthCodeGrant.php. Modelled as: optional `code_challenge`,   `code_challenge_method` and `code_verifier`; `client_secret` stays required because Financial Cents   issues a client ID and secret (\"Obtain a client ID and client secret\"). - Doubt: the error responses are not in Financial Cents' document at all. Source: Passport renders   league/oauth2-server's OAuthServerException (thephpleague/oauth2-server   src/Exception/OAuthServerException.php): `{error, error_description, hint?, message}` - `message`   repeats `error_description` in league/oauth2-server 8.x (Passport up to 12) and is gone in 9.x   (Passport 13). Modelled as: 400/401 responses whose examples are Passport's (league 8.x) bodies,   not Financial Cents' own; `message` and `hint` optional. - Doubt: an invalid, expired or revoked refresh token answers 401 `invalid_request` \"The refresh   token is invalid.\" in league/oauth2-server 8.x but 400 `invalid_grant` in 9.x. Source:   thephpleague/oauth2-server OAuthServerException::invalidRefreshToken (both versions). Modelled as:   both, `invalidRefreshToken` under 401 and `invalidRefreshTokenGrant` under 400. - Doubt: `token_type` (\"Bearer\") is not in the document's response shape but Passport always sends it.   Source: league/oauth2-server BearerTokenResponse. Modelled as: an optional property. - Doubt: `state` is in the document's parameter list but Passport does not require it; `scope` is   sent empty. Source: seed collection description; Laravel Passport docs. Modelled as: `state`   required (the document's flow depends on it), `scope` optional (empty means no scopes). - Doubt: the denial callback. The document shows only the success callback. Source: Passport's   DenyAuthorizationController / `prompt=none` handling redirect to `redirect_uri` with   `error=access_denied` and `state`. Modelled as: the `accessDenied` Location example of the 302. - Doubt: the authorize page itself. The document does not describe what /oauth/authorize answers before   the redirect. Source: Laravel Passport docs (\"Approving The Request\": a template to approve or deny).   Modelled as: a 200 `text/html` approval page (example ours) besides the 302. - Doubt: the token response example values. The document gives only types. Source: the access token   is the Production environment's published `access_token` (its JWT `exp - iat` is 15897600 s, used   as `expires_in`); the refresh token value is ours (Passport's encrypted `def50200...` form).   Modelled as: examples `authorizationCode` and `refreshToken`. 
 *
 * The version of the OpenAPI document: 2023-10-27
 * 
 *
 * NOTE: This class is auto generated by OpenAPI Generator (https://openapi-generator.tech).
 * https://openapi-generator.tech
 * Do not edit the class manually.
 */


package dev.finoauth.financialcents.model;

import java.util.Objects;
import java.util.Map;
import java.util.HashMap;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;


/**
 * Laravel Passport&#39;s (league/oauth2-server) error body, RFC 6749 section 5.2 plus &#x60;hint&#x60; and &#x60;message&#x60;.
 */
@JsonPropertyOrder({
  ErrorResponse.JSON_PROPERTY_ERROR,
  ErrorResponse.JSON_PROPERTY_ERROR_DESCRIPTION,
  ErrorResponse.JSON_PROPERTY_HINT,
  ErrorResponse.JSON_PROPERTY_MESSAGE
})
@jakarta.annotation.Generated(value = "org.openapitools.codegen.languages.JavaClientCodegen", comments = "Generator version: 7.25.0")
public class ErrorResponse {
  public static final String JSON_PROPERTY_ERROR = "error";
  @jakarta.annotation.Nonnull
  private String error;

  public static final String JSON_PROPERTY_ERROR_DESCRIPTION = "error_description";
  @jakarta.annotation.Nonnull
  private String errorDescription;

  public static final String JSON_PROPERTY_HINT = "hint";
  @jakarta.annotation.Nullable
  private String hint;

  public static final String JSON_PROPERTY_MESSAGE = "message";
  @jakarta.annotation.Nullable
  private String message;

  public ErrorResponse() { 
  }

  public ErrorResponse error(@jakarta.annotation.Nonnull String error) {
    this.error = error;
    return this;
  }

  /**
   * RFC 6749 error code (&#x60;invalid_request&#x60;, &#x60;invalid_client&#x60;, &#x60;invalid_grant&#x60;, &#x60;unsupported_grant_type&#x60;, &#x60;invalid_scope&#x60;, &#x60;access_denied&#x60;, &#x60;server_error&#x60;, ...).
   * @return error
   */
  @jakarta.annotation.Nonnull
  @JsonProperty(value = JSON_PROPERTY_ERROR, required = true)
  @JsonInclude(value = JsonInclude.Include.ALWAYS)
  public String getError() {
    return error;
  }


  @JsonProperty(value = JSON_PROPERTY_ERROR, required = true)
  @JsonInclude(value = JsonInclude.Include.ALWAYS)
  public void setError(@jakarta.annotation.Nonnull String error) {
    this.error = error;
  }


  public ErrorResponse errorDescription(@jakarta.annotation.Nonnull String errorDescription) {
    this.errorDescription = errorDescription;
    return this;
  }

  /**
   * Human-readable description of the error.
   * @return errorDescription
   */
  @jakarta.annotation.Nonnull
  @JsonProperty(value = JSON_PROPERTY_ERROR_DESCRIPTION, required = true)
  @JsonInclude(value = JsonInclude.Include.ALWAYS)
  public String getErrorDescription() {
    return errorDescription;
  }


  @JsonProperty(value = JSON_PROPERTY_ERROR_DESCRIPTION, required = true)
  @JsonInclude(value = JsonInclude.Include.ALWAYS)
  public void setErrorDescription(@jakarta.annotation.Nonnull String errorDescription) {
    this.errorDescription = errorDescription;
  }


  public ErrorResponse hint(@jakarta.annotation.Nullable String hint) {
    this.hint = hint;
    return this;
  }

  /**
   * A more specific hint, when league/oauth2-server has one (e.g. \&quot;Check the &#x60;code&#x60; parameter\&quot;).
   * @return hint
   */
  @jakarta.annotation.Nullable
  @JsonProperty(value = JSON_PROPERTY_HINT, required = false)
  @JsonInclude(value = JsonInclude.Include.USE_DEFAULTS)
  public String getHint() {
    return hint;
  }


  @JsonProperty(value = JSON_PROPERTY_HINT, required = false)
  @JsonInclude(value = JsonInclude.Include.USE_DEFAULTS)
  public void setHint(@jakarta.annotation.Nullable String hint) {
    this.hint = hint;
  }


  public ErrorResponse message(@jakarta.annotation.Nullable String message) {
    this.message = message;
    return this;
  }

  /**
   * Deprecated copy of &#x60;error_description&#x60; (league/oauth2-server 8.x); absent from 9.x.
   * @return message
   */
  @jakarta.annotation.Nullable
  @JsonProperty(value = JSON_PROPERTY_MESSAGE, required = false)
  @JsonInclude(value = JsonInclude.Include.USE_DEFAULTS)
  public String getMessage() {
    return message;
  }


  @JsonProperty(value = JSON_PROPERTY_MESSAGE, required = false)
  @JsonInclude(value = JsonInclude.Include.USE_DEFAULTS)
  public void setMessage(@jakarta.annotation.Nullable String message) {
    this.message = message;
  }


  /**
   * Return true if this ErrorResponse object is equal to o.
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    ErrorResponse errorResponse = (ErrorResponse) o;
    return Objects.equals(this.error, errorResponse.error) &&
        Objects.equals(this.errorDescription, errorResponse.errorDescription) &&
        Objects.equals(this.hint, errorResponse.hint) &&
        Objects.equals(this.message, errorResponse.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(error, errorDescription, hint, message);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append("class ErrorResponse {\n");
    sb.append("    error: ").append(toIndentedString(error)).append("\n");
    sb.append("    errorDescription: ").append(toIndentedString(errorDescription)).append("\n");
    sb.append("    hint: ").append(toIndentedString(hint)).append("\n");
    sb.append("    message: ").append(toIndentedString(message)).append("\n");
    sb.append("}");
    return sb.toString();
  }

  /**
   * Convert the given object to string with each line indented by 4 spaces
   * (except the first line).
   */
  private String toIndentedString(Object o) {
    return o == null ? "null" : o.toString().replace("\n", "\n    ");
  }
}

