import { withMocks } from "../../vitest.shared.js";

export default withMocks;
