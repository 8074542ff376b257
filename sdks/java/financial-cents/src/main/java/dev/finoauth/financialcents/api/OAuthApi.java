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

package dev.finoauth.financialcents.api;

import dev.finoauth.financialcents.ApiClient;
import dev.finoauth.financialcents.ApiException;
import dev.finoauth.financialcents.ApiResponse;
import dev.finoauth.financialcents.Configuration;
import dev.finoauth.financialcents.Pair;

import dev.finoauth.financialcents.model.ErrorResponse;
import dev.finoauth.financialcents.model.TokenResponse;
import java.net.URI;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.http.HttpEntity;
import org.apache.http.NameValuePair;
import org.apache.http.entity.mime.MultipartEntityBuilder;
import org.apache.http.message.BasicNameValuePair;
import org.apache.http.client.entity.UrlEncodedFormEntity;

import java.io.InputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import java.util.ArrayList;
import java.util.StringJoiner;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

@jakarta.annotation.Generated(value = "org.openapitools.codegen.languages.JavaClientCodegen", comments = "Generator version: 7.25.0")
public class OAuthApi {
  /**
   * Utility class for extending HttpRequest.Builder functionality.
   */
  private static class HttpRequestBuilderExtensions {
    /**
     * Adds additional headers to the provided HttpRequest.Builder. Useful for adding method/endpoint specific headers.
     *
     * @param builder the HttpRequest.Builder to which headers will be added
     * @param headers a map of header names and values to add; may be null
     * @return the same HttpRequest.Builder instance with the additional headers set
     */
    static HttpRequest.Builder withAdditionalHeaders(HttpRequest.Builder builder, Map<String, String> headers) {
        if (headers != null) {
            for (Map.Entry<String, String> entry : headers.entrySet()) {
                builder.header(entry.getKey(), entry.getValue());
            }
        }
        return builder;
    }
  }
  private final HttpClient memberVarHttpClient;
  private final ObjectMapper memberVarObjectMapper;
  private final String memberVarBaseUri;
  private final Consumer<HttpRequest.Builder> memberVarInterceptor;
  private final Duration memberVarReadTimeout;
  private final Consumer<HttpResponse<InputStream>> memberVarResponseInterceptor;
  private final Consumer<HttpResponse<InputStream>> memberVarAsyncResponseInterceptor;

  public OAuthApi() {
    this(Configuration.getDefaultApiClient());
  }

  public OAuthApi(ApiClient apiClient) {
    memberVarHttpClient = apiClient.getHttpClient();
    memberVarObjectMapper = apiClient.getObjectMapper();
    memberVarBaseUri = apiClient.getBaseUri();
    memberVarInterceptor = apiClient.getRequestInterceptor();
    memberVarReadTimeout = apiClient.getReadTimeout();
    memberVarResponseInterceptor = apiClient.getResponseInterceptor();
    memberVarAsyncResponseInterceptor = apiClient.getAsyncResponseInterceptor();
  }


  protected ApiException getApiException(String operationId, HttpResponse<InputStream> response) throws IOException {
    InputStream responseBody = ApiClient.getResponseBody(response);
    String body = null;
    try {
      body = responseBody == null ? null : new String(responseBody.readAllBytes());
    } finally {
      if (responseBody != null) {
        responseBody.close();
      }
    }
    String message = formatExceptionMessage(operationId, response.statusCode(), body);
    return new ApiException(response.statusCode(), message, response.headers(), body);
  }

  private String formatExceptionMessage(String operationId, int statusCode, String body) {
    if (body == null || body.isEmpty()) {
      body = "[no body]";
    }
    return operationId + " call failed with: " + statusCode + " - " + body;
  }

  /**
   * Download file from the given response.
   *
   * @param response Response
   * @return File
   * @throws ApiException If fail to read file content from response and write to disk
   */
  public File downloadFileFromResponse(HttpResponse<InputStream> response, InputStream responseBody) throws ApiException {
    if (responseBody == null) {
      throw new ApiException(new IOException("Response body is empty"));
    }
    try {
      File file = prepareDownloadFile(response);
      java.nio.file.Files.copy(responseBody, file.toPath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new ApiException(e);
    }
  }

  /**
   * <p>Prepare the file for download from the response.</p>
   *
   * @param response a {@link java.net.http.HttpResponse} object.
   * @return a {@link java.io.File} object.
   * @throws java.io.IOException if any.
   */
  private File prepareDownloadFile(HttpResponse<InputStream> response) throws IOException {
    String filename = null;
    java.util.Optional<String> contentDisposition = response.headers().firstValue("Content-Disposition");
    if (contentDisposition.isPresent() && !"".equals(contentDisposition.get())) {
      // Get filename from the Content-Disposition header.
      java.util.regex.Pattern pattern = java.util.regex.Pattern.compile("filename=['\"]?([^'\"\\s]+)['\"]?");
      java.util.regex.Matcher matcher = pattern.matcher(contentDisposition.get());
      if (matcher.find())
        filename = matcher.group(1);
    }
    File file = null;
    if (filename != null) {
      java.nio.file.Path tempDir = java.nio.file.Files.createTempDirectory("swagger-gen-native");
      java.nio.file.Path filePath = java.nio.file.Files.createFile(tempDir.resolve(filename));
      file = filePath.toFile();
      tempDir.toFile().deleteOnExit();   // best effort cleanup
      file.deleteOnExit(); // best effort cleanup
    } else {
      file = java.nio.file.Files.createTempFile("download-", "").toFile();
      file.deleteOnExit(); // best effort cleanup
    }
    return file;
  }

  /**
   * Redirect the user to the consent page
   * Send the user&#39;s browser here. After the user approves, Financial Cents redirects to &#x60;redirect_uri&#x60; with &#x60;code&#x60; and the &#x60;state&#x60; you sent: &#x60;https://REDIRECT_URI/?code&#x3D;AUTHORIZATION_CODE&amp;state&#x3D;YOUR_STATE&#x60;. Verify that &#x60;state&#x60; matches before using the code. If the user denies (or &#x60;prompt&#x3D;none&#x60; cannot be satisfied) Passport redirects with &#x60;error&#x3D;access_denied&#x60; and &#x60;state&#x60;. 
   * @param clientId The client ID Financial Cents issued to you. (required)
   * @param redirectUri The callback URI you gave when you requested the OAuth client; must match it. (required)
   * @param responseType Always &#x60;code&#x60;. (required)
   * @param state A random string, returned unchanged on the callback; compare it to the one you stored. Doubt: Passport does not require it. Source: Laravel Passport docs. Modelled as: required, as the document lists it and its flow depends on it.  (required)
   * @param scope Space-separated scopes; the document sends it empty (no scopes). (optional)
   * @param prompt Authentication behaviour: &#x60;none&#x60; fails (access_denied) unless the user is already signed in and has approved these scopes; &#x60;consent&#x60; always shows the approval screen; &#x60;login&#x60; always asks the user to sign in again. Omitted: the approval screen only if not approved before.  (optional)
   * @param codeChallenge PKCE code challenge (BASE64URL(SHA256(code_verifier)) for S256). Doubt: not in Financial Cents&#39; document; Passport supports it. Source: https://laravel.com/docs/passport \&quot;Authorization Code Grant With PKCE\&quot;. Modelled as: optional.  (optional)
   * @param codeChallengeMethod PKCE method, &#x60;S256&#x60; (recommended) or &#x60;plain&#x60;; league/oauth2-server defaults to &#x60;plain&#x60; when &#x60;code_challenge&#x60; is sent without it. Doubt: not in Financial Cents&#39; document. Source: https://laravel.com/docs/passport. Modelled as: optional.  (optional)
   * @return String
   * @throws ApiException if fails to make API call
   */
  public String authorize(@jakarta.annotation.Nonnull String clientId, @jakarta.annotation.Nonnull URI redirectUri, @jakarta.annotation.Nonnull String responseType, @jakarta.annotation.Nonnull String state, @jakarta.annotation.Nullable String scope, @jakarta.annotation.Nullable String prompt, @jakarta.annotation.Nullable String codeChallenge, @jakarta.annotation.Nullable String codeChallengeMethod) throws ApiException {
    return authorize(clientId, redirectUri, responseType, state, scope, prompt, codeChallenge, codeChallengeMethod, null);
  }

  /**
   * Redirect the user to the consent page
   * Send the user&#39;s browser here. After the user approves, Financial Cents redirects to &#x60;redirect_uri&#x60; with &#x60;code&#x60; and the &#x60;state&#x60; you sent: &#x60;https://REDIRECT_URI/?code&#x3D;AUTHORIZATION_CODE&amp;state&#x3D;YOUR_STATE&#x60;. Verify that &#x60;state&#x60; matches before using the code. If the user denies (or &#x60;prompt&#x3D;none&#x60; cannot be satisfied) Passport redirects with &#x60;error&#x3D;access_denied&#x60; and &#x60;state&#x60;. 
   * @param clientId The client ID Financial Cents issued to you. (required)
   * @param redirectUri The callback URI you gave when you requested the OAuth client; must match it. (required)
   * @param responseType Always &#x60;code&#x60;. (required)
   * @param state A random string, returned unchanged on the callback; compare it to the one you stored. Doubt: Passport does not require it. Source: Laravel Passport docs. Modelled as: required, as the document lists it and its flow depends on it.  (required)
   * @param scope Space-separated scopes; the document sends it empty (no scopes). (optional)
   * @param prompt Authentication behaviour: &#x60;none&#x60; fails (access_denied) unless the user is already signed in and has approved these scopes; &#x60;consent&#x60; always shows the approval screen; &#x60;login&#x60; always asks the user to sign in again. Omitted: the approval screen only if not approved before.  (optional)
   * @param codeChallenge PKCE code challenge (BASE64URL(SHA256(code_verifier)) for S256). Doubt: not in Financial Cents&#39; document; Passport supports it. Source: https://laravel.com/docs/passport \&quot;Authorization Code Grant With PKCE\&quot;. Modelled as: optional.  (optional)
   * @param codeChallengeMethod PKCE method, &#x60;S256&#x60; (recommended) or &#x60;plain&#x60;; league/oauth2-server defaults to &#x60;plain&#x60; when &#x60;code_challenge&#x60; is sent without it. Doubt: not in Financial Cents&#39; document. Source: https://laravel.com/docs/passport. Modelled as: optional.  (optional)
   * @param headers Optional headers to include in the request
   * @return String
   * @throws ApiException if fails to make API call
   */
  public String authorize(@jakarta.annotation.Nonnull String clientId, @jakarta.annotation.Nonnull URI redirectUri, @jakarta.annotation.Nonnull String responseType, @jakarta.annotation.Nonnull String state, @jakarta.annotation.Nullable String scope, @jakarta.annotation.Nullable String prompt, @jakarta.annotation.Nullable String codeChallenge, @jakarta.annotation.Nullable String codeChallengeMethod, Map<String, String> headers) throws ApiException {
    ApiResponse<String> localVarResponse = authorizeWithHttpInfo(clientId, redirectUri, responseType, state, scope, prompt, codeChallenge, codeChallengeMethod, headers);
    return localVarResponse.getData();
  }

  /**
   * Redirect the user to the consent page
   * Send the user&#39;s browser here. After the user approves, Financial Cents redirects to &#x60;redirect_uri&#x60; with &#x60;code&#x60; and the &#x60;state&#x60; you sent: &#x60;https://REDIRECT_URI/?code&#x3D;AUTHORIZATION_CODE&amp;state&#x3D;YOUR_STATE&#x60;. Verify that &#x60;state&#x60; matches before using the code. If the user denies (or &#x60;prompt&#x3D;none&#x60; cannot be satisfied) Passport redirects with &#x60;error&#x3D;access_denied&#x60; and &#x60;state&#x60;. 
   * @param clientId The client ID Financial Cents issued to you. (required)
   * @param redirectUri The callback URI you gave when you requested the OAuth client; must match it. (required)
   * @param responseType Always &#x60;code&#x60;. (required)
   * @param state A random string, returned unchanged on the callback; compare it to the one you stored. Doubt: Passport does not require it. Source: Laravel Passport docs. Modelled as: required, as the document lists it and its flow depends on it.  (required)
   * @param scope Space-separated scopes; the document sends it empty (no scopes). (optional)
   * @param prompt Authentication behaviour: &#x60;none&#x60; fails (access_denied) unless the user is already signed in and has approved these scopes; &#x60;consent&#x60; always shows the approval screen; &#x60;login&#x60; always asks the user to sign in again. Omitted: the approval screen only if not approved before.  (optional)
   * @param codeChallenge PKCE code challenge (BASE64URL(SHA256(code_verifier)) for S256). Doubt: not in Financial Cents&#39; document; Passport supports it. Source: https://laravel.com/docs/passport \&quot;Authorization Code Grant With PKCE\&quot;. Modelled as: optional.  (optional)
   * @param codeChallengeMethod PKCE method, &#x60;S256&#x60; (recommended) or &#x60;plain&#x60;; league/oauth2-server defaults to &#x60;plain&#x60; when &#x60;code_challenge&#x60; is sent without it. Doubt: not in Financial Cents&#39; document. Source: https://laravel.com/docs/passport. Modelled as: optional.  (optional)
   * @return ApiResponse&lt;String&gt;
   * @throws ApiException if fails to make API call
   */
  public ApiResponse<String> authorizeWithHttpInfo(@jakarta.annotation.Nonnull String clientId, @jakarta.annotation.Nonnull URI redirectUri, @jakarta.annotation.Nonnull String responseType, @jakarta.annotation.Nonnull String state, @jakarta.annotation.Nullable String scope, @jakarta.annotation.Nullable String prompt, @jakarta.annotation.Nullable String codeChallenge, @jakarta.annotation.Nullable String codeChallengeMethod) throws ApiException {
    return authorizeWithHttpInfo(clientId, redirectUri, responseType, state, scope, prompt, codeChallenge, codeChallengeMethod, null);
  }

  /**
   * Redirect the user to the consent page
   * Send the user&#39;s browser here. After the user approves, Financial Cents redirects to &#x60;redirect_uri&#x60; with &#x60;code&#x60; and the &#x60;state&#x60; you sent: &#x60;https://REDIRECT_URI/?code&#x3D;AUTHORIZATION_CODE&amp;state&#x3D;YOUR_STATE&#x60;. Verify that &#x60;state&#x60; matches before using the code. If the user denies (or &#x60;prompt&#x3D;none&#x60; cannot be satisfied) Passport redirects with &#x60;error&#x3D;access_denied&#x60; and &#x60;state&#x60;. 
   * @param clientId The client ID Financial Cents issued to you. (required)
   * @param redirectUri The callback URI you gave when you requested the OAuth client; must match it. (required)
   * @param responseType Always &#x60;code&#x60;. (required)
   * @param state A random string, returned unchanged on the callback; compare it to the one you stored. Doubt: Passport does not require it. Source: Laravel Passport docs. Modelled as: required, as the document lists it and its flow depends on it.  (required)
   * @param scope Space-separated scopes; the document sends it empty (no scopes). (optional)
   * @param prompt Authentication behaviour: &#x60;none&#x60; fails (access_denied) unless the user is already signed in and has approved these scopes; &#x60;consent&#x60; always shows the approval screen; &#x60;login&#x60; always asks the user to sign in again. Omitted: the approval screen only if not approved before.  (optional)
   * @param codeChallenge PKCE code challenge (BASE64URL(SHA256(code_verifier)) for S256). Doubt: not in Financial Cents&#39; document; Passport supports it. Source: https://laravel.com/docs/passport \&quot;Authorization Code Grant With PKCE\&quot;. Modelled as: optional.  (optional)
   * @param codeChallengeMethod PKCE method, &#x60;S256&#x60; (recommended) or &#x60;plain&#x60;; league/oauth2-server defaults to &#x60;plain&#x60; when &#x60;code_challenge&#x60; is sent without it. Doubt: not in Financial Cents&#39; document. Source: https://laravel.com/docs/passport. Modelled as: optional.  (optional)
   * @param headers Optional headers to include in the request
   * @return ApiResponse&lt;String&gt;
   * @throws ApiException if fails to make API call
   */
  public ApiResponse<String> authorizeWithHttpInfo(@jakarta.annotation.Nonnull String clientId, @jakarta.annotation.Nonnull URI redirectUri, @jakarta.annotation.Nonnull String responseType, @jakarta.annotation.Nonnull String state, @jakarta.annotation.Nullable String scope, @jakarta.annotation.Nullable String prompt, @jakarta.annotation.Nullable String codeChallenge, @jakarta.annotation.Nullable String codeChallengeMethod, Map<String, String> headers) throws ApiException {
    HttpRequest.Builder localVarRequestBuilder = authorizeRequestBuilder(clientId, redirectUri, responseType, state, scope, prompt, codeChallenge, codeChallengeMethod, headers);
    try {
      HttpResponse<InputStream> localVarResponse = memberVarHttpClient.send(
          localVarRequestBuilder.build(),
          HttpResponse.BodyHandlers.ofInputStream());
      if (memberVarResponseInterceptor != null) {
        memberVarResponseInterceptor.accept(localVarResponse);
      }
      InputStream localVarResponseBody = null;
      try {
        if (localVarResponse.statusCode()/ 100 != 2) {
          throw getApiException("authorize", localVarResponse);
        }
        localVarResponseBody = ApiClient.getResponseBody(localVarResponse);
        if (localVarResponseBody == null) {
          return new ApiResponse<String>(
              localVarResponse.statusCode(),
              localVarResponse.headers().map(),
              null
          );
        }

        
        
        String responseBody = new String(localVarResponseBody.readAllBytes());
        String responseValue = responseBody.isBlank()? null: memberVarObjectMapper.readValue(responseBody, new TypeReference<String>() {});
        

        return new ApiResponse<String>(
            localVarResponse.statusCode(),
            localVarResponse.headers().map(),
            responseValue
        );
      } finally {
        if (localVarResponseBody != null) {
          localVarResponseBody.close();
        }
      }
    } catch (IOException e) {
      throw new ApiException(e);
    }
    catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(e);
    }
  }

  private HttpRequest.Builder authorizeRequestBuilder(@jakarta.annotation.Nonnull String clientId, @jakarta.annotation.Nonnull URI redirectUri, @jakarta.annotation.Nonnull String responseType, @jakarta.annotation.Nonnull String state, @jakarta.annotation.Nullable String scope, @jakarta.annotation.Nullable String prompt, @jakarta.annotation.Nullable String codeChallenge, @jakarta.annotation.Nullable String codeChallengeMethod, Map<String, String> headers) throws ApiException {
    // verify the required parameter 'clientId' is set
    if (clientId == null) {
      throw new ApiException(400, "Missing the required parameter 'clientId' when calling authorize");
    }
    // verify the required parameter 'redirectUri' is set
    if (redirectUri == null) {
      throw new ApiException(400, "Missing the required parameter 'redirectUri' when calling authorize");
    }
    // verify the required parameter 'responseType' is set
    if (responseType == null) {
      throw new ApiException(400, "Missing the required parameter 'responseType' when calling authorize");
    }
    // verify the required parameter 'state' is set
    if (state == null) {
      throw new ApiException(400, "Missing the required parameter 'state' when calling authorize");
    }

    HttpRequest.Builder localVarRequestBuilder = HttpRequest.newBuilder();

    String localVarPath = "/oauth/authorize";

    List<Pair> localVarQueryParams = new ArrayList<>();
    StringJoiner localVarQueryStringJoiner = new StringJoiner("&");
    String localVarQueryParameterBaseName;
    localVarQueryParameterBaseName = "client_id";
    localVarQueryParams.addAll(ApiClient.parameterToPairs("client_id", clientId));
    localVarQueryParameterBaseName = "redirect_uri";
    localVarQueryParams.addAll(ApiClient.parameterToPairs("redirect_uri", redirectUri));
    localVarQueryParameterBaseName = "response_type";
    localVarQueryParams.addAll(ApiClient.parameterToPairs("response_type", responseType));
    localVarQueryParameterBaseName = "scope";
    localVarQueryParams.addAll(ApiClient.parameterToPairs("scope", scope));
    localVarQueryParameterBaseName = "state";
    localVarQueryParams.addAll(ApiClient.parameterToPairs("state", state));
    localVarQueryParameterBaseName = "prompt";
    localVarQueryParams.addAll(ApiClient.parameterToPairs("prompt", prompt));
    localVarQueryParameterBaseName = "code_challenge";
    localVarQueryParams.addAll(ApiClient.parameterToPairs("code_challenge", codeChallenge));
    localVarQueryParameterBaseName = "code_challenge_method";
    localVarQueryParams.addAll(ApiClient.parameterToPairs("code_challenge_method", codeChallengeMethod));

    if (!localVarQueryParams.isEmpty() || localVarQueryStringJoiner.length() != 0) {
      StringJoiner queryJoiner = new StringJoiner("&");
      localVarQueryParams.forEach(p -> queryJoiner.add(p.getName() + '=' + p.getValue()));
      if (localVarQueryStringJoiner.length() != 0) {
        queryJoiner.add(localVarQueryStringJoiner.toString());
      }
      localVarRequestBuilder.uri(URI.create(memberVarBaseUri + localVarPath + '?' + queryJoiner.toString()));
    } else {
      localVarRequestBuilder.uri(URI.create(memberVarBaseUri + localVarPath));
    }

    localVarRequestBuilder.header("Accept", "text/html, application/json");

    localVarRequestBuilder.method("GET", HttpRequest.BodyPublishers.noBody());
    if (memberVarReadTimeout != null) {
      localVarRequestBuilder.timeout(memberVarReadTimeout);
    }
    // Add custom headers if provided
    localVarRequestBuilder = HttpRequestBuilderExtensions.withAdditionalHeaders(localVarRequestBuilder, headers);
    if (memberVarInterceptor != null) {
      memberVarInterceptor.accept(localVarRequestBuilder);
    }
    return localVarRequestBuilder;
  }

  /**
   * Exchange an authorization code, or refresh an access token
   * Grants &#x60;authorization_code&#x60; (exchange the callback&#39;s &#x60;code&#x60;) and &#x60;refresh_token&#x60;. Fields go in an &#x60;application/x-www-form-urlencoded&#x60; body. Doubt: the document writes them as a query string (without &#x60;&amp;&#x60;, a doc bug) and as \&quot;query parameters\&quot;. Source: seed; https://laravel.com/docs/passport (&#x60;Http::asForm()&#x60;). Modelled as: form body. An authorization code is single-use: never retry an exchange. 
   * @param grantType Always &#x60;refresh_token&#x60;. (optional)
   * @param clientId Your client ID. (optional)
   * @param clientSecret Your client secret. (optional)
   * @param redirectUri The same redirect_uri as in the authorize request. (optional)
   * @param code The authorization code from the callback (single use). (optional)
   * @param codeVerifier PKCE code verifier, when a &#x60;code_challenge&#x60; was sent to /oauth/authorize. Doubt: not in Financial Cents&#39; document. Source: https://laravel.com/docs/passport \\\&quot;Authorization Code Grant With PKCE\\\&quot;. Modelled as: optional.  (optional)
   * @param refreshToken The refresh token from the last token response. (optional)
   * @param scope Space-separated scopes; the document sends it empty (keep the original scopes). (optional)
   * @return TokenResponse
   * @throws ApiException if fails to make API call
   */
  public TokenResponse token(@jakarta.annotation.Nullable String grantType, @jakarta.annotation.Nullable String clientId, @jakarta.annotation.Nullable String clientSecret, @jakarta.annotation.Nullable URI redirectUri, @jakarta.annotation.Nullable String code, @jakarta.annotation.Nullable String codeVerifier, @jakarta.annotation.Nullable String refreshToken, @jakarta.annotation.Nullable String scope) throws ApiException {
    return token(grantType, clientId, clientSecret, redirectUri, code, codeVerifier, refreshToken, scope, null);
  }

  /**
   * Exchange an authorization code, or refresh an access token
   * Grants &#x60;authorization_code&#x60; (exchange the callback&#39;s &#x60;code&#x60;) and &#x60;refresh_token&#x60;. Fields go in an &#x60;application/x-www-form-urlencoded&#x60; body. Doubt: the document writes them as a query string (without &#x60;&amp;&#x60;, a doc bug) and as \&quot;query parameters\&quot;. Source: seed; https://laravel.com/docs/passport (&#x60;Http::asForm()&#x60;). Modelled as: form body. An authorization code is single-use: never retry an exchange. 
   * @param grantType Always &#x60;refresh_token&#x60;. (optional)
   * @param clientId Your client ID. (optional)
   * @param clientSecret Your client secret. (optional)
   * @param redirectUri The same redirect_uri as in the authorize request. (optional)
   * @param code The authorization code from the callback (single use). (optional)
   * @param codeVerifier PKCE code verifier, when a &#x60;code_challenge&#x60; was sent to /oauth/authorize. Doubt: not in Financial Cents&#39; document. Source: https://laravel.com/docs/passport \\\&quot;Authorization Code Grant With PKCE\\\&quot;. Modelled as: optional.  (optional)
   * @param refreshToken The refresh token from the last token response. (optional)
   * @param scope Space-separated scopes; the document sends it empty (keep the original scopes). (optional)
   * @param headers Optional headers to include in the request
   * @return TokenResponse
   * @throws ApiException if fails to make API call
   */
  public TokenResponse token(@jakarta.annotation.Nullable String grantType, @jakarta.annotation.Nullable String clientId, @jakarta.annotation.Nullable String clientSecret, @jakarta.annotation.Nullable URI redirectUri, @jakarta.annotation.Nullable String code, @jakarta.annotation.Nullable String codeVerifier, @jakarta.annotation.Nullable String refreshToken, @jakarta.annotation.Nullable String scope, Map<String, String> headers) throws ApiException {
    ApiResponse<TokenResponse> localVarResponse = tokenWithHttpInfo(grantType, clientId, clientSecret, redirectUri, code, codeVerifier, refreshToken, scope, headers);
    return localVarResponse.getData();
  }

  /**
   * Exchange an authorization code, or refresh an access token
   * Grants &#x60;authorization_code&#x60; (exchange the callback&#39;s &#x60;code&#x60;) and &#x60;refresh_token&#x60;. Fields go in an &#x60;application/x-www-form-urlencoded&#x60; body. Doubt: the document writes them as a query string (without &#x60;&amp;&#x60;, a doc bug) and as \&quot;query parameters\&quot;. Source: seed; https://laravel.com/docs/passport (&#x60;Http::asForm()&#x60;). Modelled as: form body. An authorization code is single-use: never retry an exchange. 
   * @param grantType Always &#x60;refresh_token&#x60;. (optional)
   * @param clientId Your client ID. (optional)
   * @param clientSecret Your client secret. (optional)
   * @param redirectUri The same redirect_uri as in the authorize request. (optional)
   * @param code The authorization code from the callback (single use). (optional)
   * @param codeVerifier PKCE code verifier, when a &#x60;code_challenge&#x60; was sent to /oauth/authorize. Doubt: not in Financial Cents&#39; document. Source: https://laravel.com/docs/passport \\\&quot;Authorization Code Grant With PKCE\\\&quot;. Modelled as: optional.  (optional)
   * @param refreshToken The refresh token from the last token response. (optional)
   * @param scope Space-separated scopes; the document sends it empty (keep the original scopes). (optional)
   * @return ApiResponse&lt;TokenResponse&gt;
   * @throws ApiException if fails to make API call
   */
  public ApiResponse<TokenResponse> tokenWithHttpInfo(@jakarta.annotation.Nullable String grantType, @jakarta.annotation.Nullable String clientId, @jakarta.annotation.Nullable String clientSecret, @jakarta.annotation.Nullable URI redirectUri, @jakarta.annotation.Nullable String code, @jakarta.annotation.Nullable String codeVerifier, @jakarta.annotation.Nullable String refreshToken, @jakarta.annotation.Nullable String scope) throws ApiException {
    return tokenWithHttpInfo(grantType, clientId, clientSecret, redirectUri, code, codeVerifier, refreshToken, scope, null);
  }

  /**
   * Exchange an authorization code, or refresh an access token
   * Grants &#x60;authorization_code&#x60; (exchange the callback&#39;s &#x60;code&#x60;) and &#x60;refresh_token&#x60;. Fields go in an &#x60;application/x-www-form-urlencoded&#x60; body. Doubt: the document writes them as a query string (without &#x60;&amp;&#x60;, a doc bug) and as \&quot;query parameters\&quot;. Source: seed; https://laravel.com/docs/passport (&#x60;Http::asForm()&#x60;). Modelled as: form body. An authorization code is single-use: never retry an exchange. 
   * @param grantType Always &#x60;refresh_token&#x60;. (optional)
   * @param clientId Your client ID. (optional)
   * @param clientSecret Your client secret. (optional)
   * @param redirectUri The same redirect_uri as in the authorize request. (optional)
   * @param code The authorization code from the callback (single use). (optional)
   * @param codeVerifier PKCE code verifier, when a &#x60;code_challenge&#x60; was sent to /oauth/authorize. Doubt: not in Financial Cents&#39; document. Source: https://laravel.com/docs/passport \\\&quot;Authorization Code Grant With PKCE\\\&quot;. Modelled as: optional.  (optional)
   * @param refreshToken The refresh token from the last token response. (optional)
   * @param scope Space-separated scopes; the document sends it empty (keep the original scopes). (optional)
   * @param headers Optional headers to include in the request
   * @return ApiResponse&lt;TokenResponse&gt;
   * @throws ApiException if fails to make API call
   */
  public ApiResponse<TokenResponse> tokenWithHttpInfo(@jakarta.annotation.Nullable String grantType, @jakarta.annotation.Nullable String clientId, @jakarta.annotation.Nullable String clientSecret, @jakarta.annotation.Nullable URI redirectUri, @jakarta.annotation.Nullable String code, @jakarta.annotation.Nullable String codeVerifier, @jakarta.annotation.Nullable String refreshToken, @jakarta.annotation.Nullable String scope, Map<String, String> headers) throws ApiException {
    HttpRequest.Builder localVarRequestBuilder = tokenRequestBuilder(grantType, clientId, clientSecret, redirectUri, code, codeVerifier, refreshToken, scope, headers);
    try {
      HttpResponse<InputStream> localVarResponse = memberVarHttpClient.send(
          localVarRequestBuilder.build(),
          HttpResponse.BodyHandlers.ofInputStream());
      if (memberVarResponseInterceptor != null) {
        memberVarResponseInterceptor.accept(localVarResponse);
      }
      InputStream localVarResponseBody = null;
      try {
        if (localVarResponse.statusCode()/ 100 != 2) {
          throw getApiException("token", localVarResponse);
        }
        localVarResponseBody = ApiClient.getResponseBody(localVarResponse);
        if (localVarResponseBody == null) {
          return new ApiResponse<TokenResponse>(
              localVarResponse.statusCode(),
              localVarResponse.headers().map(),
              null
          );
        }

        
        
        String responseBody = new String(localVarResponseBody.readAllBytes());
        TokenResponse responseValue = responseBody.isBlank()? null: memberVarObjectMapper.readValue(responseBody, new TypeReference<TokenResponse>() {});
        

        return new ApiResponse<TokenResponse>(
            localVarResponse.statusCode(),
            localVarResponse.headers().map(),
            responseValue
        );
      } finally {
        if (localVarResponseBody != null) {
          localVarResponseBody.close();
        }
      }
    } catch (IOException e) {
      throw new ApiException(e);
    }
    catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(e);
    }
  }

  private HttpRequest.Builder tokenRequestBuilder(@jakarta.annotation.Nullable String grantType, @jakarta.annotation.Nullable String clientId, @jakarta.annotation.Nullable String clientSecret, @jakarta.annotation.Nullable URI redirectUri, @jakarta.annotation.Nullable String code, @jakarta.annotation.Nullable String codeVerifier, @jakarta.annotation.Nullable String refreshToken, @jakarta.annotation.Nullable String scope, Map<String, String> headers) throws ApiException {

    HttpRequest.Builder localVarRequestBuilder = HttpRequest.newBuilder();

    String localVarPath = "/oauth/token";

    localVarRequestBuilder.uri(URI.create(memberVarBaseUri + localVarPath));

    localVarRequestBuilder.header("Accept", "application/json");

    List<NameValuePair> formValues = new ArrayList<>();
    if (grantType != null) {
        formValues.add(new BasicNameValuePair("grant_type", grantType.toString()));
    }
    if (clientId != null) {
        formValues.add(new BasicNameValuePair("client_id", clientId.toString()));
    }
    if (clientSecret != null) {
        formValues.add(new BasicNameValuePair("client_secret", clientSecret.toString()));
    }
    if (redirectUri != null) {
        formValues.add(new BasicNameValuePair("redirect_uri", redirectUri.toString()));
    }
    if (code != null) {
        formValues.add(new BasicNameValuePair("code", code.toString()));
    }
    if (codeVerifier != null) {
        formValues.add(new BasicNameValuePair("code_verifier", codeVerifier.toString()));
    }
    if (refreshToken != null) {
        formValues.add(new BasicNameValuePair("refresh_token", refreshToken.toString()));
    }
    if (scope != null) {
        formValues.add(new BasicNameValuePair("scope", scope.toString()));
    }
    HttpEntity entity = new UrlEncodedFormEntity(formValues, java.nio.charset.StandardCharsets.UTF_8);
    ByteArrayOutputStream formOutputStream = new ByteArrayOutputStream();
    try {
        entity.writeTo(formOutputStream);
    } catch (IOException e) {
        throw new RuntimeException(e);
    }
    byte[] formBytes = formOutputStream.toByteArray();
    localVarRequestBuilder
        .header("Content-Type", entity.getContentType().getValue())
        .method("POST", HttpRequest.BodyPublishers
            .ofInputStream(() -> new ByteArrayInputStream(formBytes)));
    if (memberVarReadTimeout != null) {
      localVarRequestBuilder.timeout(memberVarReadTimeout);
    }
    // Add custom headers if provided
    localVarRequestBuilder = HttpRequestBuilderExtensions.withAdditionalHeaders(localVarRequestBuilder, headers);
    if (memberVarInterceptor != null) {
      memberVarInterceptor.accept(localVarRequestBuilder);
    }
    return localVarRequestBuilder;
  }

}
