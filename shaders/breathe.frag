#version 330 core
// The breathing guide: a calm, soft-edged shape on the theme's paper colour that grows on the
// in-breath (4 s) and settles on the out-breath (6 s). u_size (0..1) is computed on the CPU from
// the guide's start instant (core/breath.hpp), so both computers draw the same shape at the same
// moment; the app only draws this while a guide runs.
in vec2 v_uv;
out vec4 frag_color;

uniform vec2 u_resolution;
uniform vec2 u_centre;   // in pixels, origin bottom-left
uniform float u_size;    // 0: empty lungs, 1: full
uniform vec3 u_base;
uniform vec3 u_shape;
uniform vec3 u_glow;

void main() {
    vec2 p = gl_FragCoord.xy - u_centre;
    float unit = min(u_resolution.x, u_resolution.y);
    float radius = unit * (0.12 + 0.16 * u_size);
    // A slightly organic outline: the edge breathes a little with the angle.
    float angle = atan(p.y, p.x);
    float wobble = 1.0 + 0.025 * sin(3.0 * angle + 6.2831 * u_size) * (0.4 + u_size);
    float d = length(p) / (radius * wobble);

    vec3 colour = u_base;
    float glow = exp(-2.2 * max(d - 1.0, 0.0)) * (0.25 + 0.35 * u_size);
    colour = mix(colour, u_glow, clamp(glow, 0.0, 1.0));
    float body = 1.0 - smoothstep(0.96, 1.0, d);
    float shade = 0.85 + 0.15 * (1.0 - d);
    colour = mix(colour, u_shape * shade, body);

    float noise = fract(52.9829189 * fract(dot(gl_FragCoord.xy, vec2(0.06711056, 0.00583715))));
    colour += (noise - 0.5) / 255.0;
    frag_color = vec4(colour, 1.0);
}
