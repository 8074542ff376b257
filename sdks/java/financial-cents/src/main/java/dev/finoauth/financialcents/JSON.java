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


package dev.finoauth.financialcents;

import com.fasterxml.jackson.annotation.*;
import com.fasterxml.jackson.databind.*;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.finoauth.financialcents.model.*;

import java.text.DateFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

@jakarta.annotation.Generated(value = "org.openapitools.codegen.languages.JavaClientCodegen", comments = "Generator version: 7.25.0")
public class JSON {
  private ObjectMapper mapper;

  public JSON() {
    mapper = JsonMapper.builder()
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
        .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
        .defaultDateFormat(new RFC3339DateFormat())
        .addModule(new JavaTimeModule())
        .build();
  }

  /**
   * Set the date format for JSON (de)serialization with Date properties.
   *
   * @param dateFormat Date format
   */
  public void setDateFormat(DateFormat dateFormat) {
    mapper.setDateFormat(dateFormat);
  }

  /**
   * Get the object mapper
   *
   * @return object mapper
   */
  public ObjectMapper getMapper() { return mapper; }

  /**
   * Returns the target model class that should be used to deserialize the input data.
   * The discriminator mappings are used to determine the target model class.
   *
   * @param node The input data.
   * @param modelClass The class that contains the discriminator mappings.
   *
   * @return the target model class.
   */
  public static Class<?> getClassForElement(JsonNode node, Class<?> modelClass) {
    ClassDiscriminatorMapping cdm = modelDiscriminators.get(modelClass);
    if (cdm != null) {
      return cdm.getClassForElement(node, new HashSet<Class<?>>());
    }
    return null;
  }

  /**
   * Helper class to register the discriminator mappings.
   */
  @jakarta.annotation.Generated(value = "org.openapitools.codegen.languages.JavaClientCodegen", comments = "Generator version: 7.25.0")
  private static class ClassDiscriminatorMapping {
    // The model class name.
    Class<?> modelClass;
    // The name of the discriminator property.
    String discriminatorName;
    // The discriminator mappings for a model class.
    Map<String, Class<?>> discriminatorMappings;

    // Constructs a new class discriminator.
    ClassDiscriminatorMapping(Class<?> cls, String propertyName, Map<String, Class<?>> mappings) {
      modelClass = cls;
      discriminatorName = propertyName;
      discriminatorMappings = new HashMap<String, Class<?>>();
      if (mappings != null) {
        discriminatorMappings.putAll(mappings);
      }
    }

    // Return the name of the discriminator property for this model class.
    String getDiscriminatorPropertyName() {
      return discriminatorName;
    }

    // Return the discriminator value or null if the discriminator is not
    // present in the payload.
    String getDiscriminatorValue(JsonNode node) {
      // Determine the value of the discriminator property in the input data.
      if (discriminatorName != null) {
        // Get the value of the discriminator property, if present in the input payload.
        node = node.get(discriminatorName);
        if (node != null && node.isValueNode()) {
          String discrValue = node.asText();
          if (discrValue != null) {
            return discrValue;
          }
        }
      }
      return null;
    }

    /**
     * Returns the target model class that should be used to deserialize the input data.
     * This function can be invoked for anyOf/oneOf composed models with discriminator mappings.
     * The discriminator mappings are used to determine the target model class.
     *
     * @param node The input data.
     * @param visitedClasses The set of classes that have already been visited.
     *
     * @return the target model class.
     */
    Class<?> getClassForElement(JsonNode node, Set<Class<?>> visitedClasses) {
      if (visitedClasses.contains(modelClass)) {
        // Class has already been visited.
        return null;
      }
      // Determine the value of the discriminator property in the input data.
      String discrValue = getDiscriminatorValue(node);
      if (discrValue == null) {
        return null;
      }
      Class<?> cls = discriminatorMappings.get(discrValue);
      // It may not be sufficient to return this cls directly because that target class
      // may itself be a composed schema, possibly with its own discriminator.
      visitedClasses.add(modelClass);
      for (Class<?> childClass : discriminatorMappings.values()) {
        ClassDiscriminatorMapping childCdm = modelDiscriminators.get(childClass);
        if (childCdm == null) {
          continue;
        }
        if (!discriminatorName.equals(childCdm.discriminatorName)) {
          discrValue = getDiscriminatorValue(node);
          if (discrValue == null) {
            continue;
          }
        }
        if (childCdm != null) {
          // Recursively traverse the discriminator mappings.
          Class<?> childDiscr = childCdm.getClassForElement(node, visitedClasses);
          if (childDiscr != null) {
            return childDiscr;
          }
        }
      }
      return cls;
    }
  }

  /**
   * Returns true if inst is an instance of modelClass in the OpenAPI model hierarchy.
   *
   * The Java class hierarchy is not implemented the same way as the OpenAPI model hierarchy,
   * so it's not possible to use the instanceof keyword.
   *
   * @param modelClass A OpenAPI model class.
   * @param inst The instance object.
   * @param visitedClasses The set of classes that have already been visited.
   *
   * @return true if inst is an instance of modelClass in the OpenAPI model hierarchy.
   */
  public static boolean isInstanceOf(Class<?> modelClass, Object inst, Set<Class<?>> visitedClasses) {
    if (modelClass.isInstance(inst)) {
      // This handles the 'allOf' use case with single parent inheritance.
      return true;
    }
    if (visitedClasses.contains(modelClass)) {
      // This is to prevent infinite recursion when the composed schemas have
      // a circular dependency.
      return false;
    }
    visitedClasses.add(modelClass);

    // Traverse the oneOf/anyOf composed schemas.
    Map<String, Class<?>> descendants = modelDescendants.get(modelClass);
    if (descendants != null) {
      for (Class<?> childType : descendants.values()) {
        if (isInstanceOf(childType, inst, visitedClasses)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A map of discriminators for all model classes.
   */
  private static Map<Class<?>, ClassDiscriminatorMapping> modelDiscriminators = new HashMap<>();

  /**
   * A map of oneOf/anyOf descendants for each model class.
   */
  private static Map<Class<?>, Map<String, Class<?>>> modelDescendants = new HashMap<>();

  /**
    * Register a model class discriminator.
    *
    * @param modelClass the model class
    * @param discriminatorPropertyName the name of the discriminator property
    * @param mappings a map with the discriminator mappings.
    */
  public static void registerDiscriminator(Class<?> modelClass, String discriminatorPropertyName, Map<String, Class<?>> mappings) {
    ClassDiscriminatorMapping m = new ClassDiscriminatorMapping(modelClass, discriminatorPropertyName, mappings);
    modelDiscriminators.put(modelClass, m);
  }

  /**
    * Register the oneOf/anyOf descendants of the modelClass.
    *
    * @param modelClass the model class
    * @param descendants a map of oneOf/anyOf descendants.
    */
  public static void registerDescendants(Class<?> modelClass, Map<String, Class<?>> descendants) {
    modelDescendants.put(modelClass, descendants);
  }

  private static JSON json;

  static {
    json = new JSON();
  }

  /**
    * Get the default JSON instance.
    *
    * @return the default JSON instance
    */
  public static JSON getDefault() {
    return json;
  }

  /**
    * Set the default JSON instance.
    *
    * @param json JSON instance to be used
    */
  public static void setDefault(JSON json) {
    JSON.json = json;
  }
}
