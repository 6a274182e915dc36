/** Social sign-in route contracts (issue 4). Placeholder: filled in by the social sign-in work. */
export const socialRoutes = {} as const;
